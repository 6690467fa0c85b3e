import { sql, type Kysely } from 'kysely';
import type { Database, FindingNoteRow } from './schema.ts';

export class NoteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listForFinding(findingId: number, includePrivate: boolean) {
    let q = this.db
      .selectFrom('finding_notes as n')
      .leftJoin('users as u', 'u.id', 'n.author_id')
      .selectAll('n')
      .select('u.username as author')
      .where('n.finding_id', '=', findingId);
    if (!includePrivate) q = q.where('n.private', '=', false);
    return q.orderBy('n.id').execute();
  }

  findById(id: number): Promise<FindingNoteRow | undefined> {
    return this.db.selectFrom('finding_notes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(findingId: number, authorId: number | null, entry: string, isPrivate: boolean): Promise<FindingNoteRow> {
    return this.db
      .insertInto('finding_notes')
      .values({ finding_id: findingId, author_id: authorId, entry, private: isPrivate })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Edits a note and keeps its previous text in the history. */
  async edit(note: FindingNoteRow, entry: string, editorId: number | null): Promise<FindingNoteRow> {
    await this.db
      .insertInto('finding_note_history')
      .values({ note_id: note.id, entry: note.entry, edited_by_id: editorId })
      .execute();
    return this.db
      .updateTable('finding_notes')
      .set({ entry, edited: true, updated_at: sql<Date>`now()` })
      .where('id', '=', note.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  history(noteId: number) {
    return this.db.selectFrom('finding_note_history').selectAll().where('note_id', '=', noteId).orderBy('id').execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('finding_notes').where('id', '=', id).execute();
  }
}
