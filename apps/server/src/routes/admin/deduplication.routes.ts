import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentRehashRun } from '@vigil/core';
import { ZIdParams, ZRehashRequest, ZRehashRun, ZRehashRunList } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** Re-hash and re-deduplicate after a change of a scan type's identity (admin; docs/import.md). */
export function deduplicationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deduplication'];
  r.post(
    '/api/v1/admin/deduplication/rehash',
    { schema: { tags, body: ZRehashRequest, response: { 202: ZRehashRun } } },
    async (req, reply) => reply.status(202).send(presentRehashRun(await s.rehash.request(ctx(req), req.body.scanType))),
  );
  r.get('/api/v1/admin/deduplication/rehash', { schema: { tags, response: { 200: ZRehashRunList } } }, async (req) => ({
    items: (await s.rehash.list(ctx(req))).map(presentRehashRun),
  }));
  r.get(
    '/api/v1/admin/deduplication/rehash/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZRehashRun } } },
    async (req) => presentRehashRun(await s.rehash.get(ctx(req), req.params.id)),
  );
}
