import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CvssVectorError } from '@vigil/parsers/cvss';
import { osvCvssType, scoreSeverityVector } from './osv-cvss.ts';

const V4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

test('scores a vector given as its OSV severity type', () => {
  assert.equal(scoreSeverityVector('CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').baseScore, 9.8);
  assert.equal(scoreSeverityVector('CVSS_V3', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N').baseScore, 6.1);
  assert.equal(scoreSeverityVector('CVSS_V2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P').baseRating, 'High');
  // A threat metric lowers the vector's score, not its base score.
  const threat = scoreSeverityVector('CVSS_V4', `${V4}/E:U`);
  assert.equal(threat.baseScore, 9.3);
  assert.ok(threat.score < 9.3);
});

test('refuses a vector of another version than its type, naming the vector', () => {
  assert.throws(
    () => scoreSeverityVector('CVSS_V3', V4),
    (error: unknown) => {
      assert.ok(error instanceof CvssVectorError);
      assert.match(error.message, /a CVSS 4.0 vector given as CVSS_V3/);
      assert.ok(error.message.includes(V4));
      return true;
    },
  );
  assert.throws(() => scoreSeverityVector('CVSS_V2', 'CVSS:3.1/AV:N'), /metric AC: base metric missing/);
});

test('names the OSV type of each CVSS version', () => {
  assert.deepEqual((['2.0', '3.0', '3.1', '4.0'] as const).map(osvCvssType), [
    'CVSS_V2',
    'CVSS_V3',
    'CVSS_V3',
    'CVSS_V4',
  ]);
});
