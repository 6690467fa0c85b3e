import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import {
  ZEditNoteRequest,
  ZFindingNote,
  ZFindingNoteRevision,
  ZIdParams,
  ZNoContent,
  ZNoteParams,
  ZNoteRequest,
  zItems,
  type FindingNote,
} from '@vigil/contract';

interface NoteLike {
  id: number;
  finding_id: number;
  author_id: number | null;
  entry: string;
  private: boolean;
  edited: boolean;
  created_at: Date;
  updated_at: Date;
  author?: string | null;
}

function presentNote(n: NoteLike): FindingNote {
  return {
    id: n.id,
    findingId: n.finding_id,
    authorId: n.author_id,
    author: n.author ?? null,
    entry: n.entry,
    private: n.private,
    edited: n.edited,
    createdAt: n.created_at.toISOString(),
    updatedAt: n.updated_at.toISOString(),
  };
}

export function noteRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['findings'];
  r.get(
    '/api/v1/findings/:id/notes',
    { schema: { tags, params: ZIdParams, response: { 200: zItems(ZFindingNote) } } },
    async (req) => ({
      items: (await s.notes.list(ctx(req), req.params.id)).map(presentNote),
    }),
  );
  r.post(
    '/api/v1/findings/:id/notes',
    { schema: { tags, params: ZIdParams, body: ZNoteRequest, response: { 201: ZFindingNote } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(presentNote(await s.notes.add(ctx(req), req.params.id, req.body.entry, req.body.private ?? false))),
  );
  r.patch(
    '/api/v1/findings/:id/notes/:noteId',
    { schema: { tags, params: ZNoteParams, body: ZEditNoteRequest, response: { 200: ZFindingNote } } },
    async (req) => presentNote(await s.notes.edit(ctx(req), req.params.id, req.params.noteId, req.body.entry)),
  );
  r.get(
    '/api/v1/findings/:id/notes/:noteId/history',
    { schema: { tags, params: ZNoteParams, response: { 200: zItems(ZFindingNoteRevision) } } },
    async (req) => ({
      items: (await s.notes.history(ctx(req), req.params.id, req.params.noteId)).map((h) => ({
        id: h.id,
        entry: h.entry,
        editedById: h.edited_by_id,
        editedAt: h.edited_at.toISOString(),
      })),
    }),
  );
  r.delete(
    '/api/v1/findings/:id/notes/:noteId',
    { schema: { tags, params: ZNoteParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.notes.delete(ctx(req), req.params.id, req.params.noteId);
      return reply.status(204).send();
    },
  );
}
