import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UnitOfWork } from '@vigil/db';
import { createNvdSync, cvssScorer, OsvSyncService } from '@vigil/vulndb';
import { freshDatabaseOf } from '../support/postgres.ts';

// The NVD parser's own sample pages (written from the CVE API 2.0 format).
const PAGES = new URL('../../packages/vulndb/src/nvd/fixtures/', import.meta.url);
const page0 = JSON.parse(readFileSync(new URL('page-0000.json', PAGES), 'utf8'));

/** A CVE API answering the three CVEs of page-0000.json for any window; records what it was asked. */
function fakeApi() {
  const asked: URL[] = [];
  const fetchPage = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(String(input));
    asked.push(url);
    return Response.json({ ...page0, startIndex: 0, resultsPerPage: 2000, totalResults: 3 });
  };
  return { asked, fetchPage };
}

describe('NVD sync on postgres', () => {
  let db: Awaited<ReturnType<typeof freshDatabaseOf>>;
  let uow: UnitOfWork;
  before(async () => {
    db = await freshDatabaseOf('postgres');
    uow = db.uow;
  });
  after(() => db.close());
  const loader = () => new OsvSyncService(uow, cvssScorer, { batchSize: 2 });

  test('loads a directory of pages: CVEs stored as advisories, the bad one reported by its id', async () => {
    const warnings: string[] = [];
    const sync = createNvdSync({ uow, loader, onWarning: (w) => warnings.push(w) });
    const run = await sync(fileURLToPath(PAGES), () => undefined);
    assert.equal(run.status, 'succeeded');
    assert.deepEqual([run.read, run.inserted, run.invalid], [5, 4, 1]);
    assert.deepEqual(
      run.invalid_records.map((r) => r.id),
      ['CVE-2099-1003'],
    );
    assert.equal(warnings.length, 2);
    const log4shell = await uow.repos.advisorySearch.detail('CVE-2021-44228');
    assert.equal(Number(log4shell?.severity_score), 10);
    assert.equal(log4shell?.severity_rating, 'critical');
    assert.deepEqual(log4shell?.cwes, [20, 400, 502, 917]);
    const rejected = await uow.repos.advisorySearch.detail('CVE-2099-1002');
    assert.ok(rejected?.withdrawn);
    // A directory does not move the API's window: no cursor before, none after.
    assert.equal(run.cursor, null);
  });

  test('syncs from the API and the next run resumes where the last one ended', async () => {
    const api = fakeApi();
    const pause = async () => undefined;
    let now = new Date('1988-03-01T00:00:00Z');
    const sync = createNvdSync({ uow, loader, api: { fetch: api.fetchPage, pause, now: () => now } });
    const first = await sync('https://nvd.example/rest/json/cves/2.0', () => undefined);
    assert.equal(first.status, 'succeeded');
    assert.deepEqual(first.cursor, { resumeFrom: '1988-03-01T00:00:00.000Z' });
    assert.equal(api.asked[0].searchParams.get('lastModStartDate'), '1988-01-01T00:00:00.000+00:00');
    // The directory run stored the same records: the API's copies are unchanged.
    assert.deepEqual([first.read, first.unchanged], [3, 3]);

    now = new Date('1988-04-01T00:00:00Z');
    const second = await sync('https://nvd.example/rest/json/cves/2.0', () => undefined);
    assert.equal(api.asked[1].searchParams.get('lastModStartDate'), '1988-03-01T00:00:00.000+00:00');
    assert.equal(api.asked[1].searchParams.get('lastModEndDate'), '1988-04-01T00:00:00.000+00:00');
    assert.deepEqual(second.cursor, { resumeFrom: '1988-04-01T00:00:00.000Z' });
    const stored = await uow.repos.vulndbSyncRuns.lastSucceeded('nvd', null);
    assert.deepEqual(stored?.cursor, { resumeFrom: '1988-04-01T00:00:00.000Z' });
  });

  test('a directory load after an API sync carries its cursor on', async () => {
    const run = await createNvdSync({ uow, loader })(fileURLToPath(PAGES), () => undefined);
    assert.deepEqual(run.cursor, { resumeFrom: '1988-04-01T00:00:00.000Z' });
    assert.deepEqual((await uow.repos.vulndbSyncRuns.lastSucceeded('nvd', null))?.cursor, run.cursor);
  });
});
