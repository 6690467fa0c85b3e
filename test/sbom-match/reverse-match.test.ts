// SBOM matching on PostgreSQL: forward matching after an upload (the sbom.match job) and reverse
// matching when advisories are stored or change (the OSV loader queues sbom.reverse-match in its
// batch's transaction). Each job here is the one queued in pgboss.job, run once through its handler.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { JobName } from '@vigil/contract';
import { requestReverseMatch, requestSbomMatch, SBOM_ANALYSIS_SCAN_TYPE, SbomMatchService } from '@vigil/core';
import { ensureJobQueues, jobDefinitions, sbomMatchHandlers } from '@vigil/jobs';
import { componentKeys, cvssScorer, OsvSyncService, readSbom } from '@vigil/vulndb';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

const META = { jobId: 'test', retryCount: 0, final: false };
let db: TestDatabase;
let productId: number;
let loader: OsvSyncService;
let handlers: ReturnType<typeof sbomMatchHandlers>;

interface Dependency {
  name: string;
  version: string;
  purl: string;
}

/** A CycloneDX BOM: the application depends on `direct`, which depends on each of `transitive`. */
function bom(direct: Dependency, transitive: Dependency[]): Buffer {
  const component = (c: Dependency) => ({ type: 'library', 'bom-ref': c.name, ...c });
  return Buffer.from(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'app', version: '1.0' } },
      components: [component(direct), ...transitive.map(component)],
      dependencies: [
        { ref: 'app', dependsOn: [direct.name] },
        { ref: direct.name, dependsOn: transitive.map((t) => t.name) },
      ],
    }),
  );
}

async function engagementWith(name: string, bytes: Buffer): Promise<number> {
  const k = db.handle.db;
  const e = await sql<{ id: number }>`
    INSERT INTO engagements (product_id, name, target_start, target_end)
    VALUES (${productId}, ${name}, '2026-01-01', '2026-01-02') RETURNING id`.execute(k);
  const engagementId = e.rows[0].id;
  const { inventory, contentHash, encoding } = readSbom(bytes);
  await db.uow.transaction(async (repos) => {
    await repos.sbom.replaceInventory({
      engagementId,
      productId,
      importedBy: null,
      format: inventory.format,
      encoding,
      specVersion: inventory.specVersion,
      serialNumber: inventory.serialNumber,
      rootRef: inventory.rootRef,
      contentHash,
      warnings: inventory.warnings,
      components: inventory.components.map((c) => ({ ...c, ...componentKeys(c) })),
      dependencies: inventory.dependencies,
    });
    await requestSbomMatch(repos, engagementId);
  });
  return engagementId;
}

/** Runs every queued job of that name once, as the worker would; returns how many ran. */
async function runQueued(name: JobName): Promise<number> {
  const k = db.handle.db;
  const jobs = await sql<{ id: string; data: never }>`
    SELECT id, data FROM pgboss.job WHERE name = ${name} AND state = 'created' ORDER BY created_on`.execute(k);
  for (const job of jobs.rows) {
    const handler = handlers[name];
    assert.ok(handler, `a handler for ${name}`);
    await handler(job.data, META);
    await sql`UPDATE pgboss.job SET state = 'completed' WHERE id = ${job.id}`.execute(k);
  }
  return jobs.rows.length;
}

function advisory(id: string, affected: unknown[], fields: Record<string, unknown> = {}, modified = '2026-01-01') {
  return JSON.stringify({ id, modified: `${modified}T00:00:00Z`, summary: `summary of ${id}`, affected, ...fields });
}

const load = (texts: string[]) =>
  loader.load(
    texts.map((text, i) => ({ where: `r${i}.json`, text })),
    { source: 'osv', ecosystem: null, origin: 'test' },
  );

interface FindingView {
  id: number;
  title: string;
  active: boolean;
  is_mitigated: boolean;
  severity: string;
  component_name: string | null;
  component_version: string | null;
  mitigation: string | null;
  description: string;
  cvssv3: string | null;
  notes: string[];
  vulnerability_ids: string[];
}

async function findingsOf(engagementId: number): Promise<FindingView[]> {
  const r = await sql<FindingView>`
    SELECT f.id, f.title, f.active, f.is_mitigated, f.severity, f.component_name, f.component_version, f.mitigation,
      f.description, f.cvssv3,
      ARRAY(SELECT n.entry FROM finding_notes n WHERE n.finding_id = f.id ORDER BY n.id) AS notes,
      f.vulnerability_ids
    FROM findings f JOIN tests t ON t.id = f.test_id
    WHERE t.engagement_id = ${engagementId} AND t.scan_type = ${SBOM_ANALYSIS_SCAN_TYPE}
    ORDER BY f.id`.execute(db.handle.db);
  return r.rows;
}

before(async () => {
  db = await freshDatabase();
  await ensureJobQueues(db.uow, jobDefinitions);
  loader = new OsvSyncService(db.uow, cvssScorer, { batchSize: 10, beforeWrite: requestReverseMatch });
  handlers = sbomMatchHandlers(new SbomMatchService(db.uow));
  const k = db.handle.db;
  const type = await sql<{ id: number }>`INSERT INTO product_types (name) VALUES ('apps') RETURNING id`.execute(k);
  const product = await sql<{ id: number }>`
    INSERT INTO products (product_type_id, name) VALUES (${type.rows[0].id}, 'shop') RETURNING id`.execute(k);
  productId = product.rows[0].id;
});

after(async () => {
  await db?.drop();
});

const lodash = (version: string) => ({ name: 'lodash', version, purl: `pkg:npm/lodash@${version}` });
const express = { name: 'express', version: '4.18.0', purl: 'pkg:npm/express@4.18.0' };
const npm = (name: string, ranges: unknown[]) => [{ package: { ecosystem: 'npm', name }, ranges }];
const semver = (...events: Record<string, string>[]) => ({ type: 'SEMVER', events });
const CVSS = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

test('an advisory covering a component: a finding within one job; withdrawn: closed with a note', async () => {
  const engagementId = await engagementWith('withdrawn', bom(express, [lodash('4.17.20')]));
  assert.equal(await runQueued('sbom.match'), 1);
  assert.deepEqual(await findingsOf(engagementId), [], 'nothing matches before the advisory exists');

  await load([
    advisory('GHSA-aaaa-aaaa-aaaa', npm('lodash', [semver({ introduced: '0' }, { fixed: '4.17.21' })]), {
      aliases: ['CVE-2026-0001'],
      severity: [{ type: 'CVSS_V3', score: CVSS }],
    }),
  ]);
  assert.equal(await runQueued('sbom.reverse-match'), 1, 'the load queued one reverse-match job');
  const [finding] = await findingsOf(engagementId);
  assert.ok(finding, 'the job created the finding');
  assert.equal(finding.title, 'CVE-2026-0001 in lodash@4.17.20');
  assert.deepEqual(finding.vulnerability_ids, ['CVE-2026-0001', 'GHSA-aaaa-aaaa-aaaa']);
  assert.deepEqual([finding.component_name, finding.component_version], ['lodash', '4.17.20']);
  assert.deepEqual([finding.severity, finding.cvssv3, finding.active], ['Critical', CVSS, true]);
  assert.match(finding.mitigation ?? '', /4\.17\.21/);
  assert.match(finding.description, /Dependency path: app@1\.0 > express@4\.18\.0 > lodash@4\.17\.20/);

  // The same job again (a retry) changes nothing.
  await handlers['sbom.match']!({ engagementId }, META);
  assert.equal((await findingsOf(engagementId)).length, 1);

  await load([
    advisory(
      'GHSA-aaaa-aaaa-aaaa',
      npm('lodash', [semver({ introduced: '0' }, { fixed: '4.17.21' })]),
      { aliases: ['CVE-2026-0001'], withdrawn: '2026-02-01T00:00:00Z' },
      '2026-02-01',
    ),
  ]);
  assert.equal(await runQueued('sbom.reverse-match'), 1);
  const [closed] = await findingsOf(engagementId);
  assert.deepEqual([closed.active, closed.is_mitigated], [false, true]);
  assert.ok(
    closed.notes.some((n) => /GHSA-aaaa-aaaa-aaaa was withdrawn on 2026-02-01/.test(n)),
    `a note says why: ${closed.notes.join(' | ')}`,
  );
});

test('a narrowed range closes the finding; a version in the gap between two intervals is never matched', async () => {
  const inGap = await engagementWith('gap', bom(express, [lodash('2.5.0')]));
  const inside = await engagementWith('inside', bom(express, [lodash('3.1.0')]));
  await runQueued('sbom.match');
  const twoIntervals = [
    semver({ introduced: '1.0.0' }, { fixed: '2.0.0' }, { introduced: '3.0.0' }, { fixed: '3.2.0' }),
  ];
  await load([advisory('GHSA-bbbb-bbbb-bbbb', npm('lodash', twoIntervals))]);
  assert.equal(await runQueued('sbom.reverse-match'), 1);
  assert.deepEqual(await findingsOf(inGap), [], '2.5.0 lies between [1.0.0, 2.0.0) and [3.0.0, 3.2.0)');
  const [found] = await findingsOf(inside);
  assert.equal(found.title, 'GHSA-bbbb-bbbb-bbbb in lodash@3.1.0');
  assert.match(found.mitigation ?? '', /3\.2\.0/, 'fixed in: the first fix above the version, not the first of all');

  const narrowed = [semver({ introduced: '1.0.0' }, { fixed: '2.0.0' }, { introduced: '3.0.0' }, { fixed: '3.1.0' })];
  await load([advisory('GHSA-bbbb-bbbb-bbbb', npm('lodash', narrowed), {}, '2026-03-01')]);
  assert.equal(await runQueued('sbom.reverse-match'), 1);
  const [closed] = await findingsOf(inside);
  assert.deepEqual([closed.active, closed.is_mitigated], [false, true]);
  assert.ok(
    closed.notes.some((n) => /lodash@3\.1\.0 is not in the affected versions of GHSA-bbbb-bbbb-bbbb/.test(n)),
    `a note says why: ${closed.notes.join(' | ')}`,
  );
});

test("a distro package is matched only against its own release's advisory", async () => {
  const deb = (distro: string) => ({
    name: 'openssl',
    version: '3.0.11-1~deb12u1',
    purl: `pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=${distro}`,
  });
  const bookworm = await engagementWith('bookworm', bom(express, [deb('debian-12')]));
  const bullseye = await engagementWith('bullseye', bom(express, [deb('bullseye')]));
  await runQueued('sbom.match');
  const debian = (release: string) => ({
    package: { ecosystem: `Debian:${release}`, name: 'openssl' },
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }],
  });
  await load([advisory('DSA-5678-1', [debian('12')])]);
  assert.equal(await runQueued('sbom.reverse-match'), 1);
  assert.equal((await findingsOf(bookworm)).length, 1, 'distro=debian-12 agrees with Debian:12');
  assert.deepEqual(await findingsOf(bullseye), [], 'distro=bullseye (Debian 11) does not');
});

test('a changed fix updates the kept finding; matching again with nothing changed writes nothing', async () => {
  const engagementId = await engagementWith(
    'updated',
    bom(express, [{ name: 'minimist', version: '1.0.0', purl: 'pkg:npm/minimist@1.0.0' }]),
  );
  await runQueued('sbom.match');
  await load([advisory('GHSA-cccc-cccc-cccc', npm('minimist', [semver({ introduced: '0' }, { fixed: '1.1.0' })]))]);
  await runQueued('sbom.reverse-match');
  const [before] = await findingsOf(engagementId);
  assert.match(before.mitigation ?? '', /1\.1\.0/);

  const later = [semver({ introduced: '0' }, { fixed: '1.2.0' })];
  await load([advisory('GHSA-cccc-cccc-cccc', npm('minimist', later), {}, '2026-04-01')]);
  assert.equal(await runQueued('sbom.reverse-match'), 1);
  const [after] = await findingsOf(engagementId);
  assert.equal(after.id, before.id, 'the same finding, kept open');
  assert.equal(after.active, true);
  assert.match(after.mitigation ?? '', /1\.2\.0/);

  const again = await new SbomMatchService(db.uow).matchEngagement(engagementId);
  assert.deepEqual([again.matched, again.created, again.updated, again.closed, again.reactivated], [1, 0, 0, 0, 0]);
});
