import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NvdPageError } from './nvd-page.ts';
import { NvdFetchError, type NvdApiPage, nvdPagesFromApi, nvdPagesFromDirectory, nvdWindows } from './nvd-pages.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const page0 = JSON.parse(readFileSync(new URL('page-0000.json', FIXTURES), 'utf8'));

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

test('reads a directory of pages in file-name order', async () => {
  const pages = await collect(nvdPagesFromDirectory(FIXTURES.pathname));
  assert.deepEqual(
    pages.map((p) => [p.where.split('/').pop(), p.startIndex, p.records.length, p.problems.length]),
    [
      ['page-0000.json', 0, 3, 0],
      ['page-0003.json', 3, 1, 1],
    ],
  );
});

test('a file that is not JSON stops the directory with its name', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-nvd-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'a.json'), '{"resultsPerPage": 1,');
  await assert.rejects(collect(nvdPagesFromDirectory(dir)), (error: unknown) => {
    assert.ok(error instanceof NvdPageError);
    assert.equal(error.where, join(dir, 'a.json'));
    assert.match(error.message, /not JSON/);
    return true;
  });
});

test('splits a long lastModified window into windows of at most 120 days', () => {
  const windows = nvdWindows(new Date('2099-01-01T00:00:00Z'), new Date('2099-09-01T00:00:00Z'));
  assert.deepEqual(
    windows.map((w) => [w.start.toISOString(), w.end.toISOString()]),
    [
      ['2099-01-01T00:00:00.000Z', '2099-05-01T00:00:00.000Z'],
      ['2099-05-01T00:00:00.000Z', '2099-08-29T00:00:00.000Z'],
      ['2099-08-29T00:00:00.000Z', '2099-09-01T00:00:00.000Z'],
    ],
  );
  assert.deepEqual(nvdWindows(new Date('2099-01-01T00:00:00Z'), new Date('2099-01-01T00:00:00Z')), []);
});

/** A CVE API that pages the three CVEs of page-0000.json in every window; answers `failures` first. */
function fakeApi(failures: number[] = []) {
  const requests: Array<{ url: URL; apiKey: string | undefined }> = [];
  const fetchPage = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    requests.push({ url, apiKey: (init?.headers as Record<string, string> | undefined)?.apiKey });
    const status = failures.shift();
    if (status !== undefined) return new Response('busy', { status });
    const startIndex = Number(url.searchParams.get('startIndex'));
    const perPage = Number(url.searchParams.get('resultsPerPage'));
    const vulnerabilities = page0.vulnerabilities.slice(startIndex, startIndex + perPage);
    return Response.json({ ...page0, startIndex, resultsPerPage: perPage, totalResults: 3, vulnerabilities });
  };
  return { requests, fetchPage };
}

test('pages the API by startIndex in each window and says where to resume', async () => {
  const api = fakeApi();
  const pauses: number[] = [];
  const pages: NvdApiPage[] = await collect(
    nvdPagesFromApi({
      baseUrl: 'https://nvd.example/rest/json/cves/2.0',
      windowStart: new Date('2099-01-01T00:00:00Z'),
      windowEnd: new Date('2099-06-01T00:00:00Z'),
      resultsPerPage: 2,
      apiKey: 'k',
      fetch: api.fetchPage,
      pause: async (ms) => {
        pauses.push(ms);
      },
    }),
  );
  const params = api.requests.map(({ url }) =>
    ['lastModStartDate', 'lastModEndDate', 'startIndex', 'resultsPerPage'].map((p) => url.searchParams.get(p)),
  );
  assert.deepEqual(params, [
    ['2099-01-01T00:00:00.000+00:00', '2099-05-01T00:00:00.000+00:00', '0', '2'],
    ['2099-01-01T00:00:00.000+00:00', '2099-05-01T00:00:00.000+00:00', '2', '2'],
    ['2099-05-01T00:00:00.000+00:00', '2099-06-01T00:00:00.000+00:00', '0', '2'],
    ['2099-05-01T00:00:00.000+00:00', '2099-06-01T00:00:00.000+00:00', '2', '2'],
  ]);
  assert.ok(api.requests.every((r) => r.apiKey === 'k'));
  assert.match(api.requests[0].url.search, /lastModStartDate=2099-01-01T00%3A00%3A00\.000%2B00%3A00/);
  assert.deepEqual(pauses, [600, 600, 600]);
  assert.deepEqual(
    pages.map((p) => [p.records.length, p.resumeFrom.toISOString()]),
    [
      [2, '2099-01-01T00:00:00.000Z'],
      [1, '2099-05-01T00:00:00.000Z'],
      [2, '2099-05-01T00:00:00.000Z'],
      [1, '2099-06-01T00:00:00.000Z'],
    ],
  );
});

test('retries what the NVD answers when it is rate limiting, and gives up with the URL and status', async () => {
  const base = { baseUrl: 'https://nvd.example/cves', windowEnd: new Date('2099-01-10T00:00:00Z') };
  const windowStart = new Date('2099-01-01T00:00:00Z');
  const pauses: number[] = [];
  const pause = async (ms: number) => {
    pauses.push(ms);
  };
  const retried = fakeApi([429, 503]);
  const pages = await collect(nvdPagesFromApi({ ...base, windowStart, fetch: retried.fetchPage, pause }));
  assert.equal(pages.length, 1);
  assert.equal(retried.requests.length, 3);
  assert.deepEqual(pauses, [6_000, 12_000]);
  const refused = fakeApi([500]);
  await assert.rejects(collect(nvdPagesFromApi({ ...base, windowStart, fetch: refused.fetchPage, pause })), (error) => {
    assert.ok(error instanceof NvdFetchError);
    assert.equal(error.status, 500);
    assert.match(error.url, /^https:\/\/nvd\.example\/cves\?lastModStartDate=/);
    return true;
  });
});

test('a run that resumes where the last one ended asks for nothing', async () => {
  const api = fakeApi();
  const end = new Date('2099-02-01T00:00:00Z');
  const pages = await collect(
    nvdPagesFromApi({ baseUrl: 'https://nvd.example/cves', windowStart: end, now: () => end, fetch: api.fetchPage }),
  );
  assert.equal(pages.length, 0);
  assert.equal(api.requests.length, 0);
});
