import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZJiraWebhookDelivery, ZJiraWebhookOutcome, ZJiraWebhookParams } from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';

/**
 * Jira's inbound webhook. Public: the per-instance secret in the path is the authentication
 * (an unknown secret is a 404 that changes nothing), and the request log shows the route pattern,
 * never the secret.
 */
export function jiraWebhookRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/jira/webhook/:secret',
    {
      config: { public: true, secretPath: true },
      schema: {
        tags: ['jira'],
        params: ZJiraWebhookParams,
        body: ZJiraWebhookDelivery,
        response: { 200: ZJiraWebhookOutcome },
      },
    },
    async (req) => s.jiraWebhooks.receive(req.params.secret, req.body),
  );
}
