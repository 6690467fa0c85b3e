import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCvss3 } from './cvss3.ts';

test('parseCvss3 computes CVSS v3.1 base scores', () => {
  const cases: Array<[string, number]> = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', 7.4],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N', 4.9],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ];
  for (const [vector, score] of cases) assert.equal(parseCvss3(vector)?.baseScore, score, vector);
  assert.equal(parseCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')?.severity, 'Info');
  assert.equal(
    parseCvss3('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:U/RC:C')?.vector,
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
  );
});

test('parseCvss3 rejects v2 and incomplete vectors', () => {
  assert.equal(parseCvss3('AV:N/AC:L/Au:N/C:P/I:P/A:P'), undefined);
  assert.equal(parseCvss3('CVSS:3.1/AV:N/AC:L'), undefined);
  assert.equal(parseCvss3('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), undefined);
  assert.equal(parseCvss3(undefined), undefined);
});
