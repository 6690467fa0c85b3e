import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentImport, presentImportRequest, presentScanType } from '@vigil/core';
import {
  ZIdParams,
  ZImportForm,
  ZImportQuery,
  ZImportRequestStatus,
  ZImportResponse,
  ZScanTypeList,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { fieldsObject, withUploadedForm } from './multipart-form.ts';
import { parseForm, toImportRequest } from './import-form.ts';

/** Vigil's import API: upload a report (multipart) into an engagement, or reimport into a test. */
export function importRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['import'];
  r.post(
    '/api/v1/import',
    {
      config: { upload: true },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        querystring: ZImportQuery,
        description:
          'Import (or, with testId/reimport, reimport) a scan report. With ?async=true the import runs on a worker: ' +
          '202 with the request to poll. See docs/import.md and docs/jobs.md.',
        response: {
          201: ZImportResponse,
          202: ZImportRequestStatus.describe('queued: poll the request at the Location header'),
        },
      },
    },
    async (req, reply) =>
      withUploadedForm(req, 'file', s.imports.limits.maxBytes, async (form) => {
        const request = toImportRequest(
          parseForm(ZImportForm, fieldsObject(form, ['tags'])),
          form,
          'The report is missing: send it in the "file" part',
        );
        if (req.query.async) {
          const queued = await s.asyncImports.enqueue(ctx(req), request);
          return reply
            .status(202)
            .header('location', `/api/v1/import/requests/${queued.id}`)
            .send(presentImportRequest(queued));
        }
        return reply.status(201).send(presentImport(await s.imports.import(ctx(req), request)));
      }),
  );
  r.get(
    '/api/v1/import/requests/:id',
    {
      schema: {
        tags,
        params: ZIdParams,
        description:
          'An asynchronous import (POST /api/v1/import?async=true): queued, running, done (with statistics) or ' +
          'failed (with the error).',
        response: { 200: ZImportRequestStatus },
      },
    },
    async (req) => presentImportRequest(await s.asyncImports.get(ctx(req), req.params.id)),
  );
  r.get(
    '/api/v1/import/scan-types',
    { schema: { tags, description: 'The scan-type names import accepts.', response: { 200: ZScanTypeList } } },
    async () => ({ items: s.dojoReads.testTypes().map((t) => presentScanType(t.name, t.parser)) }),
  );
}
