import type { FindingNoteRow, ProductRole, UnitOfWork } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { FindingPolicy } from './finding.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { can } from '../access/abilities.ts';
import { mentionedUsernames } from '../chat/mentions.ts';
import { AuthorPolicy } from '../access/author.policy.ts';

const MAX_NOTE_MENTIONS = 20;

/** Private notes are for Writers and above (and administrators). */
const seesPrivateNotes = (role: ProductRole) => can(role, 'update', 'finding');

/** Notes on findings, with edit history. Private notes are visible to Writers and above. */
export class FindingNoteService {
  private readonly policy: FindingPolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.policy = new FindingPolicy(uow.repos);
  }

  private async finding(ctx: RequestContext, findingId: number, action: 'read' | 'add_note') {
    const finding = await this.uow.repos.findings.findById(findingId);
    if (!finding) throw notFound('Finding', findingId);
    const role = await this.policy.authorize(ctx.actor, action, finding);
    return { finding, role };
  }

  /**
   * The note, when the caller may read it: one rule for the list, history, edit and delete. A note
   * the caller may not see (another finding's, or private to a Reader) answers as if absent.
   */
  private async visibleNote(role: ProductRole, findingId: number, noteId: number): Promise<FindingNoteRow> {
    const note = await this.uow.repos.notes.findById(noteId);
    if (!note || note.finding_id !== findingId || (note.private && !seesPrivateNotes(role)))
      throw notFound('Note', noteId);
    return note;
  }

  async list(ctx: RequestContext, findingId: number) {
    const { role } = await this.finding(ctx, findingId, 'read');
    return this.uow.repos.notes.listForFinding(findingId, seesPrivateNotes(role));
  }

  async add(ctx: RequestContext, findingId: number, entry: string, isPrivate: boolean) {
    const { finding } = await this.finding(ctx, findingId, 'add_note');
    // @mentions in a shared note notify the people named who can read the finding (private notes mention nobody).
    const mentioned = isPrivate
      ? []
      : (
          await this.uow.repos.chatMessages.mentionable(
            { productId: finding.product_id },
            mentionedUsernames(entry, MAX_NOTE_MENTIONS),
          )
        ).filter((u) => u.id !== ctx.actor.userId);
    return this.uow.transaction(async (repos) => {
      const note = await repos.notes.insert(findingId, ctx.actor.userId || null, entry, isPrivate);
      await audit(repos, ctx, 'create', 'finding_note', note.id, undefined, { findingId, private: isPrivate });
      await publish(repos, {
        type: 'finding.note_added',
        topics: [topic.finding(findingId), topic.product(finding.product_id)],
        actorId: ctx.actor.userId,
        payload: { findingId, productId: finding.product_id, noteId: note.id, private: isPrivate },
      });
      if (mentioned.length) {
        await publish(repos, {
          type: 'user.mentioned',
          topics: mentioned.map((u) => topic.user(u.id)),
          actorId: ctx.actor.userId,
          payload: {
            mentionedUserIds: mentioned.map((u) => u.id),
            noteId: note.id,
            context: `a note on finding #${findingId}`,
            excerpt: `${ctx.actor.username}: ${entry.slice(0, 200)}`,
            url: `/findings/${findingId}`,
            productId: finding.product_id,
            findingId,
          },
        });
      }
      return note;
    });
  }

  async edit(ctx: RequestContext, findingId: number, noteId: number, entry: string) {
    const { role } = await this.finding(ctx, findingId, 'add_note');
    const note = await this.visibleNote(role, findingId, noteId);
    new AuthorPolicy('finding_note').authorize(ctx.actor, 'edit', note);
    return this.uow.transaction(async (repos) => {
      const updated = await repos.notes.edit(note, entry, ctx.actor.userId || null);
      await audit(repos, ctx, 'update', 'finding_note', noteId, { entry: note.entry }, { entry });
      return updated;
    });
  }

  async history(ctx: RequestContext, findingId: number, noteId: number) {
    const { role } = await this.finding(ctx, findingId, 'read');
    await this.visibleNote(role, findingId, noteId);
    return this.uow.repos.notes.history(noteId);
  }

  async delete(ctx: RequestContext, findingId: number, noteId: number): Promise<void> {
    const { role } = await this.finding(ctx, findingId, 'read');
    const note = await this.visibleNote(role, findingId, noteId);
    if (note.author_id !== ctx.actor.userId && !can(role, 'delete', 'finding'))
      throw new AppError('FORBIDDEN', 'Only the author or a Maintainer may delete a note');
    await this.uow.transaction(async (repos) => {
      await repos.notes.delete(noteId);
      await audit(repos, ctx, 'delete', 'finding_note', noteId, { entry: note.entry });
    });
  }
}
