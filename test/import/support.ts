import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { UnitOfWork } from '@vigil/db';
import type { DatabaseHandle } from '@vigil/db';
import type { TestUser } from '../support/harness.ts';
import { multipartBody } from '../support/multipart.ts';

const PARSERS = new URL('../../packages/parsers/src/', import.meta.url).pathname;

export function fixture(path: string): Buffer {
  return readFileSync(`${PARSERS}${path}`);
}

/** A Generic Findings Import report with the given findings. */
export function generic(findings: Array<Record<string, unknown>>): Buffer {
  return Buffer.from(JSON.stringify({ findings }));
}

export function upload(
  user: TestUser,
  url: string,
  fields: Record<string, string | string[] | number | boolean | undefined>,
  content: Buffer | string,
  name = 'report.json',
) {
  const body = multipartBody(fields, { content, name });
  return user.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
}

/** Row counts of every table an import writes (nothing may change when an import fails). */
export async function rowCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const tables = [
    'product_types',
    'products',
    'engagements',
    'tests',
    'findings',
    'finding_locations',
    'finding_notes',
    'test_imports',
    'audit_log',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(handle.db);
    out[t] = r.rows[0].n;
  }
  return out;
}

export type { UnitOfWork };
