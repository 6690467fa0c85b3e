import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { apkScheme } from './apk/apk-scheme.ts';
import { debianScheme } from './deb/deb-scheme.ts';
import { OsvRangeError } from './osv-events.ts';
import { compileAffected, compileAffectedInEcosystem } from './osv-range.ts';
import { UnknownVersionSchemeError, versionSchemes } from './scheme-registry.ts';
import { semverScheme } from './semver/semver-scheme.ts';

const npm = versionSchemes.byVersType('npm');

test('two disjoint intervals in one range stay two (nothing between them is affected)', () => {
  const affected = compileAffected(
    {
      ranges: [
        {
          type: 'SEMVER',
          events: [{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }],
        },
      ],
    },
    npm,
    semverScheme,
  );
  const expected: Record<string, boolean> = {
    '0.9.0': false,
    '1.0.0': true,
    '1.0.1': true,
    '1.0.2': false,
    '2.0.0': false,
    '2.9.9': false,
    '3.0.0': true,
    '3.2.4': true,
    '3.2.5': false,
    '4.0.0': false,
  };
  for (const [version, want] of Object.entries(expected)) assert.equal(affected.affects(version), want, version);
});

test('events are sorted before the walk; "0" is before everything; last_affected is inclusive', () => {
  const affected = compileAffected(
    { ranges: [{ type: 'ECOSYSTEM', events: [{ last_affected: '2.1.214' }, { introduced: '0' }] }] },
    npm,
    semverScheme,
  );
  assert.equal(affected.affects('0.0.1'), true);
  assert.equal(affected.affects('2.1.214'), true);
  assert.equal(affected.affects('2.1.215'), false);
});

test('limit events cap a range; every range is tried; listed versions count', () => {
  const affected = compileAffected(
    {
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { limit: '1.5.0' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '5.0.0' }, { fixed: '5.1.0' }, { limit: '*' }] },
      ],
      versions: ['0.1.0', 'v7.0.0'],
    },
    npm,
    semverScheme,
  );
  assert.deepEqual(
    ['0.1.0', '0.2.0', '1.4.9', '1.5.0', '5.0.1', '5.1.0', '7.0.0', 'v7.0.0'].map((v) => affected.affects(v)),
    [true, false, true, false, true, false, true, true],
  );
});

test('GIT ranges are counted, not evaluated against versions', () => {
  const commit = 'cf41627411886000429bde058a6594fb7f6d6d47';
  const affected = compileAffected({ ranges: [{ type: 'GIT', events: [{ introduced: commit }] }] }, npm, semverScheme);
  assert.equal(affected.gitRanges, 1);
  assert.equal(affected.affects('1.0.0'), false);
});

test('distribution ranges order with their scheme (Debian ~ before the release)', () => {
  const affected = compileAffected(
    { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.3-1' }] }] },
    debianScheme,
    semverScheme,
  );
  assert.equal(affected.affects('1.2.3-1~deb7u1'), true);
  assert.equal(affected.affects('1:0.1-1'), false);
});

test('an event that does not parse or has two kinds is an error naming where', () => {
  assert.throws(
    () => compileAffected({ ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: 'x.y' }] }] }, npm, semverScheme),
    (e: unknown) => e instanceof OsvRangeError && e.where === 'affected.ranges[0].events[0].introduced',
  );
  assert.throws(
    () =>
      compileAffected({ ranges: [{ type: 'SEMVER', events: [{ introduced: '1', fixed: '2' }] }] }, npm, semverScheme),
    /affected.ranges\[0\].events\[0\]: an event has exactly one of/,
  );
  assert.throws(() => compileAffected({ ranges: [{ type: 'RANGE', events: [] }] }, npm, semverScheme), OsvRangeError);
});

test('picks the schemes of an OSV ecosystem; SEMVER ranges work in any ecosystem', () => {
  const debian = compileAffectedInEcosystem(
    { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2:1.0-1' }] }] },
    'Debian:12',
  );
  assert.equal(debian.affects('1:9.9-9'), true);
  assert.equal(debian.affects('2:1.0-1'), false);
  const hex = compileAffectedInEcosystem(
    { ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.4.2' }] }] },
    'Hex',
  );
  assert.equal(hex.affects('1.4.1'), true);
  assert.throws(
    () => compileAffectedInEcosystem({ ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }, 'Hex'),
    UnknownVersionSchemeError,
  );
});

// The OSV schema's pseudocode, literally (IncludedInRanges for one range), as the reference.
function schemaIncluded(v: string, events: Array<Record<string, string>>): boolean {
  const cmp = (a: string, b: string) =>
    b === '0' ? 1 : Math.sign(semverScheme.compare(semverScheme.parse(a), semverScheme.parse(b)));
  const limits = events.filter((e) => e.limit !== undefined);
  if (limits.length > 0 && !limits.some((e) => e.limit.includes('*') || cmp(v, e.limit) < 0)) return false;
  const value = (e: Record<string, string>) => e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (value(a.e) === '0' ? -1 : value(b.e) === '0' ? 1 : cmp(value(a.e), value(b.e))) || a.i - b.i)
    .map((x) => x.e);
  let vulnerable = false;
  for (const e of sorted) {
    if (e.introduced !== undefined && cmp(v, e.introduced) >= 0) vulnerable = true;
    else if (e.fixed !== undefined && cmp(v, e.fixed) >= 0) vulnerable = false;
    else if (e.last_affected !== undefined && cmp(v, e.last_affected) > 0) vulnerable = false;
  }
  return vulnerable;
}

test('agrees with the schema’s pseudocode on random event lists (mixed kinds, repeats, limits)', () => {
  let seed = 11;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % n;
  };
  const grid = Array.from({ length: 30 }, (_, i) => `${Math.floor(i / 6)}.${i % 6}.0`);
  const kinds = ['introduced', 'introduced', 'fixed', 'last_affected', 'limit'];
  for (let round = 0; round < 500; round++) {
    const events: Array<Record<string, string>> = Array.from({ length: 1 + random(7) }, () => {
      const kind = kinds[random(kinds.length)];
      return { [kind]: kind === 'introduced' && random(5) === 0 ? '0' : grid[random(grid.length)] };
    });
    const affected = compileAffected({ ranges: [{ type: 'SEMVER', events }] }, semverScheme, semverScheme);
    for (const v of grid)
      assert.equal(affected.affects(v), schemaIncluded(v, events), `${v} in ${JSON.stringify(events)}`);
  }
});

// ../shared/conformance/osv/ (real OSV records from the osv-linter test data)
function readRecord(name: string): { affected: Array<Record<string, any>> } | undefined {
  try {
    const url = new URL(`../../../../../shared/conformance/osv/records/${name}`, import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8'));
  } catch {
    return undefined;
  }
}

test('osv/records: GO-2024-2963 (two SEMVER intervals) and CVE-2018-5407 (Alpine)', (t) => {
  const go = readRecord('GO-2024-2963.json');
  const alpine = readRecord('CVE-2018-5407.json');
  if (go === undefined || alpine === undefined) {
    t.skip('../shared/conformance/osv is absent: real records not checked');
    return;
  }
  const stdlib = compileAffected(go.affected[0], versionSchemes.byEcosystem('Go'), semverScheme);
  const goCases: Record<string, boolean> = {
    '1.21.11': true,
    '1.21.12': false,
    '1.22.0-rc.1': true,
    '1.22.4': true,
    '1.22.5': false,
  };
  for (const [v, want] of Object.entries(goCases)) assert.equal(stdlib.affects(v), want, `Go ${v}`);
  const openssl = compileAffected(alpine.affected[0], apkScheme, semverScheme);
  assert.equal(versionSchemes.byEcosystem(alpine.affected[0].package.ecosystem).name, 'apk');
  assert.equal(openssl.affects('1.0.2p-r0'), true);
  assert.equal(openssl.affects('1.0.2q-r0'), false);
  assert.equal(openssl.affects('1.0.2q_p1-r0'), false);
});

test('osv/records: PYSEC-2023-74 — every version osv.dev listed falls in its ECOSYSTEM range', (t) => {
  const record = readRecord('PYSEC-2023-74.json');
  if (record === undefined) {
    t.skip('../shared/conformance/osv is absent');
    return;
  }
  const pypi = versionSchemes.findByVersType('pypi');
  assert.ok(pypi, 'the pypi scheme is registered');
  const entry = record.affected[0];
  const rangesOnly = compileAffected({ ranges: entry.ranges }, pypi, semverScheme);
  for (const v of entry.versions as string[]) assert.equal(rangesOnly.affects(v), true, v);
  assert.equal(rangesOnly.affects('2.31.0'), false);
  assert.equal(rangesOnly.gitRanges, 1);
});
