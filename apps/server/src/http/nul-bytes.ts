import type { FastifyInstance } from 'fastify';
import { AppError } from '@vigil/core';

/**
 * PostgreSQL refuses U+0000 in text and jsonb, so a NUL anywhere in the input would otherwise
 * fail deep in a query (a 500). Every route's query, params and parsed body are walked once,
 * before validation, and the first string (value or key) holding one is named in a 400.
 */
export function registerNulByteGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const path = nulPath('query', req.query) ?? nulPath('params', req.params) ?? nulPath('body', req.body);
    if (path) throw nulByteError(path);
  });
}

/** The 400 for a field holding U+0000 (also used where multipart fields are read in the handler). */
export function nulByteError(path: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `Invalid request: ${path} contains a NUL character (U+0000), which text may not contain`,
    [{ path, message: 'contains a NUL character (U+0000)' }],
  );
}

/** The dotted path of the first string holding U+0000 (iterative: deep JSON cannot overflow the stack). */
export function nulPath(root: string, value: unknown): string | null {
  const pending: [string, unknown][] = [[root, value]];
  while (pending.length) {
    const [path, v] = pending.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\0')) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push([`${path}.${i}`, v[i]]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !isStream(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        if (key.includes('\0')) return `${path}.${key.replaceAll('\0', '\\u0000')}`;
        pending.push([`${path}.${key}`, child]);
      }
    }
  }
  return null;
}

function isStream(v: object): boolean {
  return typeof (v as { pipe?: unknown }).pipe === 'function';
}
