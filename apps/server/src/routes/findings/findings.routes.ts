import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  presentFinding,
  presentFindingAccess,
  presentFindingSummary,
  presentHistoryEntry,
  presentJiraLink,
} from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import {
  ZBulkAssignRequest,
  ZBulkStatusRequest,
  ZCreateFindingRequest,
  ZFinding,
  ZFindingDetail,
  ZFindingHistoryEntry,
  ZFindingList,
  ZFindingPage,
  ZFindingSummaryPage,
  ZIdParams,
  ZListFindingsQuery,
  ZNoContent,
  ZUpdateFindingRequest,
  zItems,
} from '@vigil/contract';
import { pageOf } from '../common.schemas.ts';
import { presentLocation } from './location.presenter.ts';
import { sendCachedJson } from '../../cache/cached-json.ts';

export function findingRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['findings'];
  // Served from the response cache while no finding, product or role changes (docs/read-cache.md).
  // The cached JSON bytes bypass the serializer: the response schema documents the answer, and the
  // presenters' return types (the contract's) keep it honest.
  const listResponse = {
    200: z.union([ZFindingSummaryPage, ZFindingPage]).describe('view=summary: summaries; view=full: every field'),
  };
  r.get(
    '/api/v1/findings',
    { schema: { tags, querystring: ZListFindingsQuery, response: listResponse } },
    async (req, reply) => {
      const { view, ...query } = req.query;
      return sendCachedJson(req, reply, ['findings', 'access'], async () => {
        if (view === 'full') return pageOf(await s.findings.list(ctx(req), query), (f) => presentFinding(f));
        const now = new Date();
        return pageOf(await s.findings.listSummaries(ctx(req), query), (f) => presentFindingSummary(f, now));
      });
    },
  );
  r.post(
    '/api/v1/findings',
    { schema: { tags, body: ZCreateFindingRequest, response: { 201: ZFinding } } },
    async (req, reply) => reply.status(201).send(presentFinding(await s.findings.create(ctx(req), req.body))),
  );
  r.post(
    '/api/v1/findings/bulk-status',
    { schema: { tags, body: ZBulkStatusRequest, response: { 200: ZFindingList } } },
    async (req) => {
      const changed = await s.findings.changeStatus(ctx(req), req.body.ids, req.body.action);
      return { items: changed.map((f) => presentFinding(f)) };
    },
  );
  r.post(
    '/api/v1/findings/bulk-assign',
    { schema: { tags, body: ZBulkAssignRequest, response: { 200: ZFindingList } } },
    async (req) => {
      const changed = await s.findingAssignments.assign(ctx(req), req.body.ids, req.body.assigneeId);
      return { items: changed.map((f) => presentFinding(f)) };
    },
  );
  r.get(
    '/api/v1/findings/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZFindingDetail } } },
    async (req) => {
      const d = await s.findings.detail(ctx(req), req.params.id);
      return {
        ...presentFinding(d.finding),
        ...presentFindingAccess(d.role),
        locations: d.locations.map(presentLocation),
        duplicates: d.duplicates.map((f) => ({
          id: f.id,
          title: f.title,
          testId: f.test_id,
          createdAt: f.created_at.toISOString(),
        })),
        original: d.original ? { id: d.original.id, title: d.original.title, testId: d.original.test_id } : null,
        jira: d.jira ? presentJiraLink(d.jira) : null,
      };
    },
  );
  r.patch(
    '/api/v1/findings/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateFindingRequest, response: { 200: ZFinding } } },
    async (req) => presentFinding(await s.findings.update(ctx(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/findings/:id/history',
    { schema: { tags, params: ZIdParams, response: { 200: zItems(ZFindingHistoryEntry) } } },
    async (req) => ({
      items: (await s.findingHistory.history(ctx(req), req.params.id)).map(presentHistoryEntry),
    }),
  );
  r.delete(
    '/api/v1/findings/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.findings.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
