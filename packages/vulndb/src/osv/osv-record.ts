import { createHash } from 'node:crypto';
import { OSV_LIMITS, ZOsvRecord, type OsvRecord } from '@vigil/contract';

/** A record's text read as JSON, before validation: enough to decide whether the store needs it. */
export interface OsvText {
  /** The parsed JSON, kept as published. */
  json: unknown;
  /** The record's id, or `where` when it has none. */
  id: string;
  /** The record's `modified`, when it is a string. */
  modified: string | undefined;
  /** SHA-256 (hex) of the text. */
  hash: string;
}

export type OsvTextReading = ({ ok: true } & OsvText) | { ok: false; id: string; reason: string };
export type OsvValidation = { ok: true; record: OsvRecord } | { ok: false; id: string; reason: string };

/** SHA-256 (hex) of a record's text: equal text, equal record, so a sync skips it unparsed. */
export function recordHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Parses one record's text (`where` names it in reasons: a file or zip entry). A record PostgreSQL's
 * jsonb cannot keep (a `\u0000` in a string) is refused here, so it never fails a whole batch.
 */
export function parseOsvText(text: string, where: string, hash = recordHash(text)): OsvTextReading {
  if (Buffer.byteLength(text) > OSV_LIMITS.recordBytes)
    return { ok: false, id: where, reason: `larger than ${OSV_LIMITS.recordBytes} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, id: where, reason: `not JSON: ${(err as Error).message}` };
  }
  const fields =
    typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const id = typeof fields.id === 'string' && fields.id.length > 0 ? fields.id.slice(0, OSV_LIMITS.id) : where;
  if (text.includes('\\u0000'))
    return { ok: false, id, reason: 'contains a NUL character (\\u0000), which the store cannot keep' };
  const modified = typeof fields.modified === 'string' ? fields.modified : undefined;
  return { ok: true, json, id, modified, hash };
}

/** Validates parsed JSON against the OSV schema; the reason names the first problems and where they are. */
export function validateOsv(json: unknown, id: string): OsvValidation {
  const parsed = ZOsvRecord.safeParse(json);
  if (parsed.success) return { ok: true, record: parsed.data };
  const reason = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(record)'}: ${i.message}`)
    .join('; ');
  const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
  return { ok: false, id, reason: reason + more };
}
