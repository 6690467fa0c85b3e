import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MatchCandidateRow } from '@vigil/db';
import { DependencyPaths } from './dependency-path.ts';
import { matchFindings, matchUid } from './match-findings.ts';

const paths = new DependencyPaths({
  inventory_id: 1,
  root_ref: 'app',
  nodes: [
    { id: 1, bom_ref: 'app', name: 'app', version: '1.0' },
    { id: 2, bom_ref: 'yaml', name: 'yaml', version: '2.0.0' },
  ],
  edges: [{ from_id: 1, to_id: 2 }],
});

function row(fields: Partial<MatchCandidateRow>): MatchCandidateRow {
  return {
    inventory_component_id: 2,
    identity_key: 'pkg:npm/yaml@2.0.0',
    purl: 'pkg:npm/yaml@2.0.0',
    name: 'yaml',
    component_group: null,
    version: '2.0.0',
    advisory_id: 1,
    ordinal: 0,
    osv_id: 'GHSA-1',
    withdrawn: null,
    summary: null,
    severity_rating: null,
    severity_score: null,
    cwes: [],
    ecosystem: 'npm',
    ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.2.2' }] }],
    versions: [],
    canonical_id: 'CVE-2026-1',
    group_ids: ['CVE-2026-1', 'GHSA-1', 'GHSA-2'],
    severities: [],
    ...fields,
  };
}

test('advisories of one alias group make one finding, with the worst rating and the fix', () => {
  const { findings, notAffected } = matchFindings(
    [
      row({ severity_rating: 'medium' }),
      row({ advisory_id: 2, osv_id: 'GHSA-2', severity_rating: 'high', severity_score: 7.5 }),
    ],
    paths,
  );
  assert.equal(notAffected.size, 0);
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f.title, 'CVE-2026-1 in yaml@2.0.0');
  assert.equal(f.severity, 'High');
  assert.deepEqual(f.vulnerabilityIds, ['CVE-2026-1', 'GHSA-1', 'GHSA-2']);
  assert.equal(f.uniqueIdFromTool, matchUid('CVE-2026-1', 'pkg:npm/yaml@2.0.0'));
  assert.equal(f.mitigation, 'Upgrade yaml to 2.2.2 or later.');
  assert.match(f.description ?? '', /Dependency path: app@1\.0 > yaml@2\.0\.0/);
});

test('an unrated advisory is Medium, not informational; a score without a rating is read as CVSS bands', () => {
  assert.equal(matchFindings([row({})], paths).findings[0].severity, 'Medium');
  assert.equal(matchFindings([row({ severity_score: 9.8 })], paths).findings[0].severity, 'Critical');
});

test('not affected: why is kept by unique id (withdrawn, outside the ranges, unreadable)', () => {
  const withdrawn = matchFindings([row({ withdrawn: new Date('2026-02-01T00:00:00Z') })], paths);
  assert.deepEqual(withdrawn.findings, []);
  assert.match([...withdrawn.notAffected.values()][0], /GHSA-1 was withdrawn on 2026-02-01/);
  const fixed = matchFindings(
    [row({ ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] })],
    paths,
  );
  assert.match([...fixed.notAffected.values()][0], /yaml@2\.0\.0 is not in the affected versions of GHSA-1/);
  const unknown = matchFindings([row({ ecosystem: 'NoSuchEcosystem', versions: ['2.0.0'] })], paths);
  assert.match([...unknown.notAffected.values()][0], /could not be evaluated/);
});
