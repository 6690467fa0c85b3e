import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, type ReportFile } from '@vigil/core';

/** A multipart upload: its text fields (repeatable) and the one report file, spooled to disk. */
export interface UploadedForm {
  fields: Map<string, string[]>;
  file?: { filename: string } & ReportFile;
}

/**
 * Runs `body` with the uploaded form, and removes the spooled report afterwards whatever happens.
 * The report is streamed to a temporary file, never held in memory.
 */
export async function withUploadedForm<T>(
  req: FastifyRequest,
  fileField: string,
  maxBytes: number,
  body: (form: UploadedForm) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-upload-'));
  try {
    return await body(await readUploadedForm(req, fileField, maxBytes, dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Text fields one import form may carry, and the size of one field's value. */
export const MAX_FORM_FIELDS = 100;
const MAX_FIELD_BYTES = 1024 * 1024;

const tooManyFields = () =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The import form has more than ${MAX_FORM_FIELDS} form fields (the limit per request)`,
    { limitFields: MAX_FORM_FIELDS },
  );

/**
 * Reads a multipart form: every text field, and the file from `fileField` streamed into `dir`,
 * capped at `maxBytes` (over it → 413 naming the limit). Fields may come before or after the file.
 */
async function readUploadedForm(
  req: FastifyRequest,
  fileField: string,
  maxBytes: number,
  dir: string,
): Promise<UploadedForm> {
  if (!req.isMultipart()) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the report as multipart/form-data with the file in the "file" field',
    );
  }
  const form: UploadedForm = { fields: new Map() };
  let fieldCount = 0;
  try {
    // Busboy may take one field more than the limit, so that the form itself refuses the first one
    // over it: busboy's own refusal destroys a file part being spooled ("Premature close", a 500).
    for await (const part of req.parts({
      limits: { fileSize: maxBytes, files: 1, fields: MAX_FORM_FIELDS + 1, fieldSize: MAX_FIELD_BYTES },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          part.file.resume();
          continue;
        }
        const path = join(dir, 'report');
        let size = 0;
        await pipeline(
          part.file,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              size += chunk.length;
              yield chunk;
            }
          },
          createWriteStream(path, { mode: 0o600 }),
        );
        if (part.file.truncated) throw Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
        form.file = { filename: part.filename, path, size };
      } else {
        if (++fieldCount > MAX_FORM_FIELDS) throw tooManyFields();
        if (part.valueTruncated) {
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `The form field "${part.fieldname}" is longer than ${MAX_FIELD_BYTES / 1024 / 1024} MB`,
            { field: part.fieldname, limitBytes: MAX_FIELD_BYTES },
          );
        }
        const list = form.fields.get(part.fieldname) ?? [];
        list.push(String(part.value));
        form.fields.set(part.fieldname, list);
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The report is larger than the import limit of ${Math.round(maxBytes / 1024 / 1024)} MB (VIGIL_IMPORT_MAX_MB)`,
        { limitBytes: maxBytes },
      );
    }
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw tooManyFields();
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
