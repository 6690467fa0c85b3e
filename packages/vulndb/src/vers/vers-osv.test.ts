import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileAffected } from '../version/osv-range.ts';
import { versionSchemes } from '../version/scheme-registry.ts';
import { compileVers } from './vers-contains.ts';
import { osvFromVers, VersConversionError, versFromOsvAffected } from './vers-osv.ts';
import { formatVers, parseVers } from './vers-range.ts';

const npm = versionSchemes.byVersType('npm');

test('an affected entry’s ranges and versions as one vers, intervals kept apart', () => {
  const vers = versFromOsvAffected(
    {
      ranges: [
        {
          type: 'ECOSYSTEM',
          events: [{ introduced: '3.0.0' }, { fixed: '3.2.5' }, { introduced: '1.0.0' }, { fixed: '1.0.2' }],
        },
        { type: 'ECOSYSTEM', events: [{ introduced: '5.0.0' }, { last_affected: '5.1.0' }] },
        { type: 'GIT', events: [{ introduced: '0' }] },
      ],
      versions: ['0.5.0', '1.0.1'],
    },
    npm,
  );
  assert.equal(formatVers(vers), 'vers:npm/0.5.0|>=1.0.0|<1.0.2|>=3.0.0|<3.2.5|>=5.0.0|<=5.1.0');
  const open = versFromOsvAffected(
    { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.0' }] }] },
    npm,
  );
  assert.equal(formatVers(open), 'vers:npm/<1.6.0');
  const empty = versFromOsvAffected(
    { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { fixed: '1.0.0' }, { introduced: '2.0.0' }] }] },
    npm,
  );
  assert.equal(formatVers(empty), 'vers:npm/>=2.0.0');
  const overlapping = versFromOsvAffected(
    {
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.0' }] },
      ],
    },
    npm,
  );
  assert.equal(formatVers(overlapping), 'vers:npm/*');
  const all = versFromOsvAffected({ ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }, npm);
  assert.equal(formatVers(all), 'vers:npm/*');
});

test('a vers as OSV ranges: fixed and last_affected ends in separate ranges, equalities as versions', () => {
  const osv = osvFromVers(parseVers('vers:npm/<1.0.0|1.5.0|>=2.0.0|<=2.4.0|>=3.0.0'), npm);
  assert.deepEqual(osv, {
    ranges: [
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }, { introduced: '3.0.0' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { last_affected: '2.4.0' }] },
    ],
    versions: ['1.5.0'],
  });
  assert.deepEqual(osvFromVers(parseVers('vers:npm/*'), npm).ranges[0].events, [{ introduced: '0' }]);
  assert.throws(() => osvFromVers(parseVers('vers:npm/>1.0.0'), npm), VersConversionError);
  assert.throws(() => osvFromVers(parseVers('vers:npm/!=1.0.0'), npm), /has no OSV event/);
  assert.throws(
    () =>
      versFromOsvAffected(
        { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { limit: '2.0.0' }] }] },
        npm,
      ),
    /limit events have no vers equivalent/,
  );
});

test('random affected entries: their vers, and that vers back as OSV, affect exactly the same versions', () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % n;
  };
  const grid = Array.from({ length: 40 }, (_, i) => `${Math.floor(i / 8)}.${i % 8}.0`);
  const semver = versionSchemes.byVersType('semver');
  for (let round = 0; round < 300; round++) {
    const ranges = Array.from({ length: 1 + random(3) }, () => {
      const points = Array.from({ length: 1 + random(6) }, () => grid[random(grid.length)]);
      const end = random(2) === 0 ? 'fixed' : 'last_affected';
      const events = points.map((version, i) => (i % 2 === 0 ? { introduced: version } : { [end]: version }));
      if (random(4) === 0) events[0] = { introduced: '0' };
      return { type: 'ECOSYSTEM', events: events.sort(() => random(3) - 1) };
    });
    const versions = random(3) === 0 ? [grid[random(grid.length)]] : [];
    const affected = { ranges, versions };
    const osv = compileAffected(affected, npm, semver);
    const vers = compileVers(versFromOsvAffected(affected, npm), npm);
    const back = compileAffected(osvFromVers(vers.range, npm), npm, semver);
    for (const v of grid) {
      const where = `${v} in ${JSON.stringify(affected)} as ${formatVers(vers.range)}`;
      assert.equal(vers.contains(v), osv.affects(v), where);
      assert.equal(back.affects(v), osv.affects(v), `back to OSV: ${where}`);
    }
  }
});
