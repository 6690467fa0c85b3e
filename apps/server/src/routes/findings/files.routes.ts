import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, MAX_FINDING_FILE_BYTES, presentFindingFile } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZFileParams, ZFindingFile, ZIdParams, ZNoContent, zItems } from '@vigil/contract';

export function findingFileRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['findings'];
  r.get(
    '/api/v1/findings/:id/files',
    { schema: { tags, params: ZIdParams, response: { 200: zItems(ZFindingFile) } } },
    async (req) => ({
      items: (await s.findingFiles.list(ctx(req), req.params.id)).map(presentFindingFile),
    }),
  );
  r.post(
    '/api/v1/findings/:id/files',
    {
      config: { upload: true },
      schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 201: ZFindingFile } },
    },
    async (req, reply) => {
      const c = ctx(req);
      if (!req.isMultipart())
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the file as multipart/form-data (field "file", optional "title")',
        );
      const part = await req.file({ limits: { fileSize: MAX_FINDING_FILE_BYTES, files: 1 } });
      if (!part)
        throw new AppError('VALIDATION_FAILED', 'No file in the upload', [{ path: 'file', message: 'required' }]);
      const bytes = await part.toBuffer();
      if (part.file.truncated)
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `A finding file may be at most ${MAX_FINDING_FILE_BYTES / 1024 / 1024} MB`,
        );
      const titleField = part.fields.title as { value?: unknown } | undefined;
      const filename = part.filename.replace(/[^\w.\- ]/g, '_').slice(0, 200) || 'file';
      const title =
        typeof titleField?.value === 'string' && titleField.value.trim()
          ? titleField.value.trim().slice(0, 200)
          : filename;
      const row = await s.findingFiles.add(c, req.params.id, {
        title,
        filename,
        contentType: part.mimetype || 'application/octet-stream',
        bytes,
      });
      return reply.status(201).send(presentFindingFile(row));
    },
  );
  r.get('/api/v1/findings/:id/files/:fileId', { schema: { tags, params: ZFileParams } }, async (req, reply) => {
    const { file, bytes } = await s.findingFiles.download(ctx(req), req.params.id, req.params.fileId);
    // Always a download, never rendered inline: uploaded HTML/SVG cannot run in Vigil's origin.
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(bytes);
  });
  r.delete(
    '/api/v1/findings/:id/files/:fileId',
    { schema: { tags, params: ZFileParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.findingFiles.delete(ctx(req), req.params.id, req.params.fileId);
      return reply.status(204).send();
    },
  );
}
