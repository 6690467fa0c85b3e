import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstFixedAbove } from './osv-fixed-in.ts';

const twoIntervals = [
  {
    type: 'SEMVER',
    events: [{ introduced: '1.0.0' }, { fixed: '1.4.2' }, { introduced: '2.0.0' }, { fixed: '2.3.1' }],
  },
];

test('the first fix above the version, in the interval that holds it', () => {
  assert.equal(firstFixedAbove(twoIntervals, 'npm', '1.2.0'), '1.4.2');
  assert.equal(firstFixedAbove(twoIntervals, 'npm', '2.1.0'), '2.3.1');
  assert.equal(firstFixedAbove(twoIntervals, 'npm', '3.0.0'), undefined);
});

test('ECOSYSTEM ranges compare in the ecosystem scheme (dpkg here), across ranges the lowest fix wins', () => {
  const ranges = [
    { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:2.0-1' }] },
    { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.9~rc1-1' }] },
  ];
  assert.equal(firstFixedAbove(ranges, 'Debian:12', '1.8-1'), '1.9~rc1-1');
  assert.equal(firstFixedAbove(ranges, 'Debian:12', '1.9-1'), '1:2.0-1', 'an epoch sorts above every version without');
});

test('a range with no fix, or a version the scheme cannot read, publishes no fix', () => {
  assert.equal(firstFixedAbove([{ type: 'SEMVER', events: [{ introduced: '0' }] }], 'npm', '1.0.0'), undefined);
  assert.equal(firstFixedAbove(twoIntervals, 'npm', 'not a version'), undefined);
  assert.equal(firstFixedAbove([{ type: 'GIT', events: [{ fixed: 'abc' }] }], 'npm', '1.0.0'), undefined);
});
