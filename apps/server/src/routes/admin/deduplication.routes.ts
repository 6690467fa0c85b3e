import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RehashRunRow } from '@vigil/db';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams } from '../common.schemas.ts';

export const ZRehashRequest = z.object({ scanType: z.string().trim().min(1).max(200) });

function presentRun(r: RehashRunRow) {
  return {
    id: r.id,
    scanType: r.scan_type,
    state: r.state,
    productsTotal: r.products_total,
    productsDone: r.products_done,
    result: r.result ?? null,
    error: r.error,
    requestedBy: r.requested_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Re-hash and re-deduplicate after a change of a scan type's identity (admin; docs/import.md). */
export function deduplicationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deduplication'];
  r.post('/api/v1/admin/deduplication/rehash', { schema: { tags, body: ZRehashRequest } }, async (req, reply) =>
    reply.status(202).send(presentRun(await s.rehash.request(ctx(req), req.body.scanType))),
  );
  r.get('/api/v1/admin/deduplication/rehash', { schema: { tags } }, async (req) => ({
    items: (await s.rehash.list(ctx(req))).map(presentRun),
  }));
  r.get('/api/v1/admin/deduplication/rehash/:id', { schema: { tags, params: ZIdParams } }, async (req) =>
    presentRun(await s.rehash.get(ctx(req), req.params.id)),
  );
}
