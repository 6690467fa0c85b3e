import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_VULNDB_CONFIG, ZVulndbEnv, vulndbConfig } from './vulndb.config.ts';

test('nothing is synced unless configured', () => {
  assert.deepEqual(DEFAULT_VULNDB_CONFIG, { sources: [], syncCron: 'off' });
});

test('one OSV archive per ecosystem under the base URL, then NVD', () => {
  const c = vulndbConfig(
    ZVulndbEnv.parse({
      VIGIL_VULNDB_OSV_ECOSYSTEMS: 'npm, PyPI,npm,crates.io',
      VIGIL_VULNDB_OSV_BASE_URL: '/srv/osv/',
      VIGIL_VULNDB_NVD_URL: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
      VIGIL_VULNDB_SYNC_CRON: '0 3 * * *',
    }),
  );
  assert.deepEqual(c.sources, [
    { source: 'osv', ecosystem: 'npm', url: '/srv/osv/npm/all.zip' },
    { source: 'osv', ecosystem: 'PyPI', url: '/srv/osv/PyPI/all.zip' },
    { source: 'osv', ecosystem: 'crates.io', url: '/srv/osv/crates.io/all.zip' },
    { source: 'nvd', url: 'https://services.nvd.nist.gov/rest/json/cves/2.0' },
  ]);
  assert.equal(c.syncCron, '0 3 * * *');
});

test('the NVD API key is kept when set, and an empty one is refused', () => {
  assert.equal(vulndbConfig(ZVulndbEnv.parse({ VIGIL_VULNDB_NVD_API_KEY: ' k-1 ' })).nvdApiKey, 'k-1');
  assert.equal(ZVulndbEnv.safeParse({ VIGIL_VULNDB_NVD_API_KEY: ' ' }).success, false);
});

test('bad settings are refused, naming what is wrong', () => {
  const r = ZVulndbEnv.safeParse({ VIGIL_VULNDB_SYNC_CRON: 'daily', VIGIL_VULNDB_NVD_URL: 'nvd.example' });
  assert.equal(r.success, false);
  const paths = r.error?.issues.map((i) => i.path.join('.')).sort();
  assert.deepEqual(paths, ['VIGIL_VULNDB_NVD_URL', 'VIGIL_VULNDB_SYNC_CRON']);
});
