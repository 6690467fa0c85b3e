import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { StreamingPool, StreamingPoolClient } from './streaming-pool.ts';

/**
 * `COPY … FROM STDIN` inside Kysely transactions. Kysely hands a statement to the pg client of
 * the connection it runs on (the transaction's, for a transaction) as `client.query(sql, params)`;
 * a pool wrapped by `withCopyFromStdin` gives out clients that, for a statement whose only
 * parameter is a `CopyFromStdin`, stream that payload into the statement with pg-copy-streams on
 * that same client. So a repository runs COPY as one more statement of its transaction, with
 * the SQL in the repository and no pg client leaking out of the connection layer.
 *
 * Pools that are not wrapped (and the embedded PGlite database) answer the capability probe from
 * the database itself, which says no: callers must check `copyFromStdinAvailable` first.
 */
export class CopyFromStdin {
  /** `data`: COPY text-format input (rows ending in '\n'), in as many chunks as convenient. */
  constructor(readonly data: Iterable<string | Buffer>) {}

  /** pg serializes a parameter through this: reached only when the pool was not wrapped. */
  toPostgres(): never {
    throw new CopyFromStdinUnavailableError();
  }
}

export class CopyFromStdinUnavailableError extends Error {
  constructor() {
    super('COPY FROM STDIN needs a pool wrapped by withCopyFromStdin (check copyFromStdinAvailable first)');
    this.name = 'CopyFromStdinUnavailableError';
  }
}

/**
 * The capability probe: on a wrapped pool the client answers it without a round trip; anywhere
 * else the database runs it and answers false.
 */
export const COPY_FROM_STDIN_PROBE = 'SELECT false AS copy_from_stdin';

export interface CopyFromStdinProbeRow {
  copy_from_stdin: boolean;
}

/** Wraps a pool (pg.Pool or FailoverPool) so its clients run COPY FROM STDIN statements. */
export function withCopyFromStdin(pool: StreamingPool): PostgresPool {
  return {
    async connect() {
      return new CopyingClient(await pool.connect());
    },
    end: () => pool.end(),
  };
}

/** Kysely's view of a streaming client that answers the probe and streams CopyFromStdin payloads. */
class CopyingClient implements PostgresPoolClient {
  constructor(private readonly client: StreamingPoolClient) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query(
    statement: string | PostgresCursor<unknown>,
    parameters: ReadonlyArray<unknown> = [],
  ): Promise<PostgresQueryResult<unknown>> | PostgresCursor<unknown> {
    if (typeof statement !== 'string') return this.client.query(statement);
    if (statement === COPY_FROM_STDIN_PROBE && parameters.length === 0) {
      const answer: PostgresQueryResult<CopyFromStdinProbeRow> = {
        command: 'SELECT',
        rowCount: 1,
        rows: [{ copy_from_stdin: true }],
      };
      return Promise.resolve(answer);
    }
    const only = parameters.length === 1 ? parameters[0] : undefined;
    if (only instanceof CopyFromStdin) return runCopy(this.client, statement, only);
    return this.client.query(statement, parameters);
  }

  release(): void {
    this.client.release();
  }
}

/** COPY FROM inserts rows: Kysely reads the answer as an INSERT's (numAffectedRows = rows copied). */
async function runCopy(
  client: StreamingPoolClient,
  text: string,
  payload: CopyFromStdin,
): Promise<PostgresQueryResult<never>> {
  const stream = client.query(copyFrom(text));
  await pipeline(Readable.from(payload.data, { objectMode: false }), stream);
  return { command: 'INSERT', rowCount: Number(stream.rowCount ?? 0), rows: [] };
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

/** A one-dimensional text[] literal ('{"a","b"}'), elements quoted. */
function arrayLiteral(items: unknown[]): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) out += ',';
    out += item === null || item === undefined ? 'NULL' : `"${String(item).replace(/[\\"]/g, '\\$&')}"`;
  }
  return out + '}';
}

/** One value in COPY's text format: null as \N, booleans t/f, dates as ISO timestamps, arrays as literals. */
export function copyTextValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return escapeText(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : '\\N'; // as JSON.stringify does (NaN, ±Infinity → null)
    case 'boolean':
      return v ? 't' : 'f';
    case 'undefined':
      return '\\N';
    default:
      if (v === null) return '\\N';
      if (v instanceof Date) return v.toISOString();
      if (Array.isArray(v)) return escapeText(arrayLiteral(v));
      throw new TypeError(`no COPY text form for a value of type ${typeof v}`);
  }
}
