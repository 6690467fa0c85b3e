import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CvssVectorError, cvssRating, parseCvssVector, scoreCvss, tryScoreCvss } from './index.ts';

test('scores v2, v3.0, v3.1 and v4.0 base vectors with their ratings', () => {
  const cases: Array<[string, string, number, string]> = [
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', '2.0', 7.5, 'High'],
    ['(AV:N/AC:M/Au:N/C:N/I:P/A:N)', '2.0', 4.3, 'Medium'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', '3.0', 6.1, 'Medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 9.8, 'Critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', '3.1', 0, 'None'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', 9.3, 'Critical'],
    ['CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', '4.0', 1, 'Low'],
  ];
  for (const [vector, version, score, rating] of cases) {
    const result = scoreCvss(vector);
    assert.equal(result.version, version, vector);
    assert.equal(result.baseScore, score, vector);
    assert.equal(result.score, score, vector);
    assert.equal(result.rating, rating, vector);
  }
});

test('keeps temporal, threat and environmental metrics apart from the base score', () => {
  const v3 = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/MAV:L');
  assert.equal(v3.baseScore, 9.8);
  assert.equal(v3.temporalScore, 8.2);
  // Environmental: roundUp(8.4 with MAV:L exploitability) × E:U 0.91 × RL:O 0.95 × RC:R 0.96 = 7.0.
  assert.equal(v3.environmentalScore, 7);
  assert.equal(v3.score, 7);
  assert.equal(v3.baseVector, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  // A line of the FIRST-derived v4.0 test data (conformance/cvss/), listed with 4.0.
  const v4 = scoreCvss(
    'CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:N/VC:N/VI:H/VA:H/SC:L/SI:L/SA:H/S:P/R:U/RE:L/U:Clear/MAV:A/MAC:L' +
      '/MPR:H/MUI:P/MVC:L/MVI:N/MVA:H/MSC:L/MSI:S/MSA:N/CR:H/IR:M/AR:L/E:U',
  );
  assert.equal(v4.score, 4);
  assert.equal(v4.rating, 'Medium');
  assert.equal(v4.baseScore, scoreCvss(v4.baseVector).score);
  assert.notEqual(v4.baseScore, v4.score);
});

test('normalizes the metric order to the specification and keeps the values as given', () => {
  const parsed = parseCvssVector(' CVSS:4.0/E:A/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N/U:Red ');
  assert.equal(parsed.vector, 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/U:Red');
  assert.equal(parsed.metrics.U, 'Red');
});

test('refuses bad vectors naming the vector and the metric', () => {
  const cases: Array<[string, string | undefined, RegExp]> = [
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'AV', /value "Q" is not one of X, N, A, L, P/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'A', /base metric missing/],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'AV', /may not be "X"/],
    ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'AV', /more than once/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:N', 'ZZ', /unknown metric in CVSS 3.1/],
    ['CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '', /not a "metric:value" pair/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:X/AU:Q', 'AU', /value "Q"/],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:ND', 'A', /may not be "ND"/],
    ['CVSS:3.2/AV:N', undefined, /unsupported version prefix "CVSS:3.2"/],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', undefined, /unsupported version prefix/],
    ['cvss:3.1/av:n', undefined, /no "CVSS:<version>\/" prefix/],
    ['   ', undefined, /empty vector/],
  ];
  for (const [vector, metric, reason] of cases) {
    assert.throws(
      () => scoreCvss(vector),
      (error: unknown) => {
        assert.ok(error instanceof CvssVectorError, vector);
        assert.equal(error.metric, metric, vector);
        assert.match(error.message, reason, vector);
        assert.ok(error.message.includes(vector.trim()), vector);
        return true;
      },
    );
  }
});

test('tryScoreCvss answers undefined for what is not a vector', () => {
  assert.equal(tryScoreCvss(undefined), undefined);
  assert.equal(tryScoreCvss('not a vector'), undefined);
  assert.equal(tryScoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')?.baseScore, 9.8);
});

test('ratings follow each version table', () => {
  assert.equal(cvssRating('2.0', 0), 'Low');
  assert.equal(cvssRating('2.0', 10), 'High');
  assert.equal(cvssRating('3.1', 0.1), 'Low');
  assert.equal(cvssRating('4.0', 6.9), 'Medium');
  assert.equal(cvssRating('3.0', 8.9), 'High');
  assert.equal(cvssRating('3.1', 9), 'Critical');
});

test('a repeated vector gives the same frozen result, and a repeated bad one the same refusal', () => {
  const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
  const first = scoreCvss(vector);
  assert.equal(scoreCvss(vector), first);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.metrics));
  for (let i = 0; i < 2; i++) assert.throws(() => scoreCvss('CVSS:3.1/AV:N'), /metric AC: base metric missing/);
});
