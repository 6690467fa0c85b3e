import assert from 'node:assert/strict';
import { test } from 'node:test';
import { versionSchemes } from '../version/scheme-registry.ts';
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
