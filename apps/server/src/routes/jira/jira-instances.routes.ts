import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentJiraInstance } from '@vigil/core';
import {
  ZCreateJiraInstanceRequest,
  ZCreatedJiraInstance,
  ZJiraConnectionTest,
  ZJiraInstance,
  ZJiraInstanceList,
  ZJiraInstanceParams,
  ZJiraWebhookPath,
  ZNoContent,
  ZUpdateJiraInstanceRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** The webhook URL to paste into Jira, relative to Vigil's own address. */
const webhookPath = (secret: string) => `/api/v1/jira/webhook/${secret}`;

/** Jira instances (administrators). Credentials go in, never out; the webhook secret is shown once. */
export function jiraInstanceRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jira'];
  const params = ZJiraInstanceParams;
  r.get('/api/v1/jira/instances', { schema: { tags, response: { 200: ZJiraInstanceList } } }, async (req) => ({
    items: (await s.jiraInstances.list(ctx(req))).map(presentJiraInstance),
  }));
  r.post(
    '/api/v1/jira/instances',
    { schema: { tags, body: ZCreateJiraInstanceRequest, response: { 201: ZCreatedJiraInstance } } },
    async (req, reply) => {
      const { instance, webhookSecret } = await s.jiraInstances.create(ctx(req), req.body);
      return reply.status(201).send({ ...presentJiraInstance(instance), webhookPath: webhookPath(webhookSecret) });
    },
  );
  r.get('/api/v1/jira/instances/:id', { schema: { tags, params, response: { 200: ZJiraInstance } } }, async (req) =>
    presentJiraInstance(await s.jiraInstances.get(ctx(req), req.params.id)),
  );
  r.patch(
    '/api/v1/jira/instances/:id',
    { schema: { tags, params, body: ZUpdateJiraInstanceRequest, response: { 200: ZJiraInstance } } },
    async (req) => presentJiraInstance(await s.jiraInstances.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/jira/instances/:id',
    { schema: { tags, params, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.jiraInstances.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/v1/jira/instances/:id/webhook-secret',
    { schema: { tags, params, response: { 200: ZJiraWebhookPath } } },
    async (req) => ({
      webhookPath: webhookPath(await s.jiraInstances.rotateWebhookSecret(ctx(req), req.params.id)),
    }),
  );
  r.post(
    '/api/v1/jira/instances/:id/test',
    { schema: { tags, params, response: { 200: ZJiraConnectionTest } } },
    async (req) => s.jiraInstances.testConnection(ctx(req), req.params.id),
  );
}
