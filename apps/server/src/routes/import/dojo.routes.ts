import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentDojoFinding, presentDojoImport, presentDojoTest, presentDojoTestType } from '@vigil/core';
import {
  ZDojoFindingPage,
  ZDojoFindingsQuery,
  ZDojoImportForm,
  ZDojoImportResponse,
  ZDojoTest,
  ZDojoTestTypePage,
  ZIdParams,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { fieldsObject, withUploadedForm } from './multipart-form.ts';
import { parseForm, toImportRequest } from './import-form.ts';

/**
 * The DefectDojo-compatible surface CI pipelines post to (`Authorization: Token <key>`):
 * import-scan, reimport-scan, and the reads they make afterwards. See docs/import.md.
 */
export function dojoRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['defectdojo-compatible'];
  const upload = (req: FastifyRequest, mode: 'import' | 'reimport') =>
    withUploadedForm(req, 'file', s.imports.limits.maxBytes, async (form) => {
      const f = parseForm(ZDojoImportForm, fieldsObject(form, ['tags']));
      // DefectDojo: `test` names the target of a reimport only, and a reimport closes old findings unless told not to.
      const request = toImportRequest(
        {
          ...f,
          mode,
          testId: mode === 'reimport' ? f.testId : undefined,
          closeOldFindings: f.closeOldFindings ?? mode === 'reimport',
        },
        form,
        'file: This field is required.',
      );
      return presentDojoImport(request, await s.imports.import(ctx(req), request));
    });
  const importSchema = (description: string) => ({
    tags,
    consumes: ['multipart/form-data'],
    description,
    response: { 201: ZDojoImportResponse },
  });
  r.post(
    '/api/v2/import-scan/',
    { config: { upload: true }, schema: importSchema('DefectDojo import-scan: a new test from the report.') },
    async (req, reply) => reply.status(201).send(await upload(req, 'import')),
  );
  r.post(
    '/api/v2/reimport-scan/',
    { config: { upload: true }, schema: importSchema('DefectDojo reimport-scan: the report into an existing test.') },
    async (req, reply) => reply.status(201).send(await upload(req, 'reimport')),
  );

  r.get('/api/v2/test_types/', { schema: { tags, response: { 200: ZDojoTestTypePage } } }, async () => {
    const results = s.dojoReads.testTypes().map((t) => presentDojoTestType(t.id, t.name, t.parser));
    return { count: results.length, next: null, previous: null, results };
  });
  r.get(
    '/api/v2/findings/',
    { schema: { tags, querystring: ZDojoFindingsQuery, response: { 200: ZDojoFindingPage } } },
    async (req) => {
      const q = req.query;
      const page = await s.dojoReads.findings(ctx(req), q);
      // Absolute, as DefectDojo's pagination returns them: pipeline clients follow `next` verbatim.
      const link = (offset: number) => {
        const u = new URL(req.url, `${req.protocol}://${req.host}`);
        u.searchParams.set('limit', String(q.limit));
        u.searchParams.set('offset', String(offset));
        return u.toString();
      };
      return {
        count: page.count,
        next: q.offset + q.limit < page.count ? link(q.offset + q.limit) : null,
        previous: q.offset > 0 ? link(Math.max(0, q.offset - q.limit)) : null,
        results: page.rows.map(presentDojoFinding),
      };
    },
  );
  r.get('/api/v2/tests/:id/', { schema: { tags, params: ZIdParams, response: { 200: ZDojoTest } } }, async (req) => {
    const { test, findingCount } = await s.dojoReads.test(ctx(req), req.params.id);
    return presentDojoTest(test, findingCount);
  });
}
