import type { FastifyRequest } from 'fastify';
import { AppError } from '@vigil/core';

/** A multipart upload read whole: its text fields (repeatable) and the one report file. */
export interface UploadedForm {
  fields: Map<string, string[]>;
  file?: { filename: string; bytes: Buffer };
}

/**
 * Reads a multipart form: every text field, and the file from `fileField`, capped at `maxBytes`
 * (over it → 413 naming the limit). Fields may come before or after the file.
 */
export async function readUploadedForm(req: FastifyRequest, fileField: string, maxBytes: number): Promise<UploadedForm> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the report as multipart/form-data with the file in the "file" field');
  }
  const form: UploadedForm = { fields: new Map() };
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 100, fieldSize: 1024 * 1024 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          part.file.resume();
          continue;
        }
        form.file = { filename: part.filename, bytes: await part.toBuffer() };
      } else {
        const list = form.fields.get(part.fieldname) ?? [];
        list.push(String(part.value));
        form.fields.set(part.fieldname, list);
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', `The report is larger than the import limit of ${Math.round(maxBytes / 1024 / 1024)} MB (VIGIL_IMPORT_MAX_MB)`, { limitBytes: maxBytes });
    }
    if (code === 'FST_FILES_LIMIT') throw new AppError('BAD_REQUEST', 'Send exactly one report file per import');
    throw err;
  }
  return form;
}

/** The form's fields as a plain object for zod: single values as strings, repeated ones as arrays. */
export function fieldsObject(form: UploadedForm, arrays: string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of form.fields) out[k] = arrays.includes(k) ? v : v[v.length - 1];
  return out;
}
