import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// Issue 13 item 16 (first half): /metrics shows business metrics (figures read from the database)
// only to a scrape that sends `Authorization: Bearer <VIGIL_METRICS_TOKEN>`.

const TOKEN = 'scrape-credential-0123456789abcdef';
const BUSINESS = [/^vigil_users /m, /^vigil_products /m, /^vigil_open_findings\{/m, /^vigil_job_queue_depth\{/m];
const BUSINESS_NAMES = /vigil_users|vigil_products|vigil_open_findings|vigil_job_queue_depth/;

let db: TestDatabase;
let withToken: Harness;
let withoutToken: Harness;
before(async () => {
  db = await freshDatabase();
  withToken = await createHarness(db.uow, { metricsToken: TOKEN });
  withoutToken = await createHarness(db.uow);
  const admin = await withToken.user('metrics-admin', { admin: true });
  // A job queue with a row, so vigil_job_queue_depth has a sample to show.
  await admin.get('/api/v1/products');
});
after(async () => {
  await withToken.close();
  await withoutToken.close();
  await db.drop();
});

const scrape = (h: Harness, authorization?: string) =>
  h.app.inject({ method: 'GET', url: '/metrics', headers: authorization === undefined ? {} : { authorization } });

test('anonymous /metrics: process and HTTP metrics, no business metric names', async () => {
  const res = await scrape(withToken);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /vigil_process_resident_memory_bytes/);
  assert.match(res.body, /vigil_http_requests_total\{method="GET",route="\/api\/v1\/products",status="200"\} \d+/);
  assert.doesNotMatch(res.body, BUSINESS_NAMES);
});

test('a wrong scrape credential (any length, any scheme) sees only process and HTTP metrics', async () => {
  for (const authorization of [
    `Bearer ${TOKEN}x`,
    'Bearer short',
    `Bearer ${TOKEN.slice(0, -1)}`,
    `Basic ${TOKEN}`,
    TOKEN,
    'Bearer ',
  ]) {
    const res = await scrape(withToken, authorization);
    assert.equal(res.statusCode, 200, authorization);
    assert.match(res.body, /vigil_process_resident_memory_bytes/);
    assert.doesNotMatch(res.body, BUSINESS_NAMES, authorization);
  }
});

test('with the scrape credential: business metrics too, with their figures', async () => {
  const res = await scrape(withToken, `Bearer ${TOKEN}`);
  assert.equal(res.statusCode, 200);
  for (const re of BUSINESS) assert.match(res.body, re);
  assert.match(res.body, /^vigil_users 1$/m);
  assert.match(res.body, /^vigil_open_findings\{severity="High"\} 0$/m);
  assert.match(res.body, /vigil_process_resident_memory_bytes/);
  assert.match(res.body, /vigil_http_request_duration_seconds_bucket/);
});

test('without VIGIL_METRICS_TOKEN business metrics are never exposed, whatever is sent', async () => {
  for (const authorization of [undefined, `Bearer ${TOKEN}`, 'Bearer ', 'Bearer undefined']) {
    const res = await scrape(withoutToken, authorization);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /vigil_process_resident_memory_bytes/);
    assert.doesNotMatch(res.body, BUSINESS_NAMES);
  }
});
