import { InvalidCursorError, type Page } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';

/** Runs a list query and turns a bad cursor into a 400 that says so. */
export async function paged<T>(query: () => Promise<Page<T>>): Promise<Page<T>> {
  try {
    return await query();
  } catch (err) {
    if (err instanceof InvalidCursorError)
      throw new AppError('VALIDATION_FAILED', err.message, [{ path: 'cursor', message: err.message }]);
    throw err;
  }
}

/** Maps a database unique-violation to a 409 naming the field. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === '23505';
}

export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === '23503';
}
