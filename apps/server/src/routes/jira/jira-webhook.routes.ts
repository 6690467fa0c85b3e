import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../runtime/services.ts';
import { ZJiraWebhookBody, ZWebhookParams } from './jira.schemas.ts';

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
      schema: { tags: ['jira'], params: ZWebhookParams, body: ZJiraWebhookBody },
    },
    async (req) => s.jiraWebhooks.receive(req.params.secret, req.body),
  );
}
