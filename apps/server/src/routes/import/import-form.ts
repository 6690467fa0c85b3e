import type { z } from 'zod';
import type { ImportMode, ImportOptions } from '@vigil/contract';
import { AppError, type ImportRequest } from '@vigil/core';
import { nulByteError, nulPath } from '../../http/nul-bytes.ts';
import type { UploadedForm } from './multipart-form.ts';

/** zod-parses a multipart form (the route schema cannot see multipart fields). */
export function parseForm<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  // Multipart fields are read in the handler, after the app-wide NUL check (http/nul-bytes.ts): same rule here.
  for (const [key, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    const path = nulPath(key, value);
    if (path) throw nulByteError(path);
  }
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError(
    'VALIDATION_FAILED',
    `Invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
    details,
  );
}

/**
 * The one mapping from an import form (v1 or DefectDojo, parsed into the contract's option names)
 * and its spooled upload to the request core runs. The report is required: `missing` says so in
 * the words of the API the caller used.
 */
export function toImportRequest(
  options: ImportOptions & { mode: ImportMode },
  form: UploadedForm,
  missing: string,
): ImportRequest {
  const file = form.file;
  if (!file) throw new AppError('VALIDATION_FAILED', missing, [{ path: 'file', message: 'required' }]);
  return { ...options, report: { path: file.path, size: file.size }, filename: file.filename };
}
