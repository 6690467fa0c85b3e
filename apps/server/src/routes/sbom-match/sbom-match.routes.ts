import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZSbomEngagementParams, ZSbomMatchResponse } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** On-demand matching of an engagement's SBOM inventory (Writer on the product). */
export function sbomMatchRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/engagements/:id/sbom-match',
    {
      schema: {
        tags: ['sbom'],
        params: ZSbomEngagementParams,
        response: { 202: ZSbomMatchResponse },
        description:
          "Queues a match of the engagement's SBOM inventory against the advisory store (the sbom.match " +
          'job); findings land in its "SBOM analysis" test. Writer on the product.',
      },
    },
    async (req, reply) => {
      const { jobId } = await s.sbomMatch.requestMatch(ctx(req), req.params.id);
      return reply.status(202).send({ engagementId: req.params.id, jobId });
    },
  );
}
