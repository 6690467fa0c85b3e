import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, presentDojoFinding, presentDojoImport, presentDojoTest, presentDojoTestType } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams } from '../common.schemas.ts';
import { fieldsObject, withUploadedForm } from './multipart-form.ts';
import { ZDojoFindingsQuery, ZDojoImportForm, parseForm, toImportRequest } from './import.schemas.ts';

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
      if (!form.file)
        throw new AppError('VALIDATION_FAILED', 'file: This field is required.', [
          { path: 'file', message: 'required' },
        ]);
      // DefectDojo: `test` names the target of a reimport only, and a reimport closes old findings unless told not to.
      const request = toImportRequest(
        mode,
        {
          ...f,
          testId: mode === 'reimport' ? f.testId : undefined,
          closeOldFindings: f.closeOldFindings ?? mode === 'reimport',
        },
        form.file,
      );
      return presentDojoImport(request, await s.imports.import(ctx(req), request));
    });
  r.post(
    '/api/v2/import-scan/',
    { config: { upload: true }, schema: { tags, consumes: ['multipart/form-data'] } },
    async (req, reply) => reply.status(201).send(await upload(req, 'import')),
  );
  r.post(
    '/api/v2/reimport-scan/',
    { config: { upload: true }, schema: { tags, consumes: ['multipart/form-data'] } },
    async (req, reply) => reply.status(201).send(await upload(req, 'reimport')),
  );

  r.get('/api/v2/test_types/', { schema: { tags } }, async () => {
    const results = s.dojoReads.testTypes().map((t) => presentDojoTestType(t.id, t.name, t.parser));
    return { count: results.length, next: null, previous: null, results };
  });
  r.get('/api/v2/findings/', { schema: { tags, querystring: ZDojoFindingsQuery } }, async (req) => {
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
  });
  r.get('/api/v2/tests/:id/', { schema: { tags, params: ZIdParams } }, async (req) => {
    const { test, findingCount } = await s.dojoReads.test(ctx(req), req.params.id);
    return presentDojoTest(test, findingCount);
  });
}
