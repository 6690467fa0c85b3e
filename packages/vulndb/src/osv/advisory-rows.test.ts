import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZOsvRecord } from '@vigil/contract';
import { advisoryWrite, SOURCE_RATING_TYPE, type SeverityScorer } from './advisory-rows.ts';

const scorer: SeverityScorer = (_type, vector) => (vector.endsWith('/A:H') ? { score: 7.5, rating: 'high' } : null);

test('rows keep ranges as published, normalize names, and take the highest computed score', () => {
  const published = {
    id: 'PYSEC-2024-1',
    modified: '2024-01-01T00:00:00Z',
    aliases: ['CVE-2024-1', 'PYSEC-2024-1', 'CVE-2024-1'],
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Django_REST', purl: 'pkg:pypi/django-rest' },
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0' }, { introduced: '2.0' }] }],
        versions: ['0.9'],
      },
      { package: { ecosystem: 'Debian:12', name: 'python-django-rest' } },
    ],
    database_specific: { severity: 'MODERATE', cwe_ids: ['CWE-79', 'CWE-79', 'not-a-cwe', 'CWE-1321'] },
  };
  const w = advisoryWrite(ZOsvRecord.parse(published), published, { source: 'osv', hash: 'h' }, scorer);
  assert.deepEqual(w.aliases, ['CVE-2024-1']);
  assert.deepEqual(w.affected[0].ranges, published.affected[0].ranges);
  assert.equal(w.affected[0].normalized_name, 'django-rest');
  assert.deepEqual([w.affected[1].ecosystem_base, w.affected[1].ranges, w.affected[1].versions], ['Debian', [], []]);
  assert.deepEqual(
    w.severities.map((s) => [s.type, s.affected_ordinal, s.score, s.rating]),
    [
      ['CVSS_V3', 0, 7.5, 'high'],
      [SOURCE_RATING_TYPE, null, null, 'medium'],
    ],
  );
  assert.deepEqual([w.severity_score, w.severity_rating], [7.5, 'high']);
  assert.deepEqual(w.cwes, [79, 1321]);
  assert.equal(w.record, published);
});

test('without a computed score the rating is the source word, else an Ubuntu priority', () => {
  const ubuntu = {
    id: 'UBUNTU-1',
    modified: '2024-01-01T00:00:00Z',
    severity: [{ type: 'Ubuntu', score: 'negligible' }],
  };
  const w = advisoryWrite(ZOsvRecord.parse(ubuntu), ubuntu, { source: 'osv', hash: 'h' }, scorer);
  assert.deepEqual([w.severity_score, w.severity_rating], [null, 'low']);
  const both = { ...ubuntu, database_specific: { severity: 'CRITICAL' } };
  const b = advisoryWrite(ZOsvRecord.parse(both), both, { source: 'osv', hash: 'h' }, scorer);
  assert.equal(b.severity_rating, 'critical');
});
