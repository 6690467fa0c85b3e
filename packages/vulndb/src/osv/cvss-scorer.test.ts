import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvssScorer } from './cvss-scorer.ts';

test('OSV severities are scored with their base score and rating', () => {
  assert.deepEqual(cvssScorer('CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U'), {
    score: 9.8,
    rating: 'critical',
  });
  assert.deepEqual(cvssScorer('CVSS_V2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P'), { score: 7.5, rating: 'high' });
  assert.deepEqual(cvssScorer('CVSS_V4', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), {
    score: 9.3,
    rating: 'critical',
  });
});

test('a vector of another version than its type, or no vector at all, is left unscored', () => {
  assert.equal(cvssScorer('CVSS_V4', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), null);
  assert.equal(cvssScorer('CVSS_V3', 'CVSS:3.1/AV:Q'), null);
});
