import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentAdvisoryDetail, presentAdvisorySummary } from '@vigil/core';
import { ZAdvisoryDetail, ZAdvisoryListQuery, ZAdvisoryPage, ZAdvisoryParams } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { pageOf } from '../common.schemas.ts';

/** The vulnerability database's advisories: any signed-in user reads them (docs/vulndb.md "API"). */
export function advisoryRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['advisories'];
  r.get(
    '/api/v1/advisories',
    {
      schema: {
        tags,
        querystring: ZAdvisoryListQuery,
        response: { 200: ZAdvisoryPage },
        description:
          'Searches advisories by id or alias, package (ecosystem + name), purl, CWE, rating and dates; ' +
          'newest first, keyset pages.',
      },
    },
    async (req) => pageOf(await s.advisories.search(ctx(req), req.query), presentAdvisorySummary),
  );
  r.get(
    '/api/v1/advisories/:id',
    {
      schema: {
        tags,
        params: ZAdvisoryParams,
        response: { 200: ZAdvisoryDetail },
        description:
          'One advisory by its id or an alias: its alias group, severities with computed scores, affected ' +
          'packages with their ranges as published, and the OSV record itself.',
      },
    },
    async (req) => presentAdvisoryDetail(await s.advisories.detail(ctx(req), req.params.id)),
  );
}
