import { readFile } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@vigil/core';
import { SBOM_UPLOAD_MAX_BYTES } from '@vigil/contract';
import { withUploadedForm } from '../import/multipart-form.ts';

/**
 * The SBOM's bytes: from the `file` field of a multipart form (spooled to disk, capped), or the raw
 * body of a JSON or XML request (kept as bytes by the route's own parser, so the content hash is the
 * hash of what was sent).
 */
export async function sbomBytes(req: FastifyRequest): Promise<Uint8Array> {
  if (req.isMultipart()) {
    return withUploadedForm(req, 'file', SBOM_UPLOAD_MAX_BYTES, async (form) => {
      if (form.file === undefined) {
        throw new AppError('VALIDATION_FAILED', 'The form has no SBOM: send it in the "file" field', [
          { path: 'file', message: 'is required' },
        ]);
      }
      return readFile(form.file.path);
    });
  }
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The request has no SBOM: send it as the body or in a multipart "file" field',
      [{ path: 'body', message: 'is required' }],
    );
  }
  return req.body;
}
