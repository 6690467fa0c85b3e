import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NvdPageError, readNvdPage } from './nvd-page.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

test('a bad CVE is reported with its id and skipped; the rest of the page is kept', () => {
  const page = readNvdPage(fixture('page-0003.json'), 'page-0003.json');
  assert.equal(page.startIndex, 3);
  assert.equal(page.totalResults, 5);
  assert.equal(page.count, 2);
  assert.deepEqual(
    page.records.map((r) => r.id),
    ['CVE-2099-1004'],
  );
  assert.equal(page.problems.length, 1);
  assert.equal(page.problems[0].id, 'CVE-2099-1003');
  assert.match(page.problems[0].reason, /^cve\.published: must be an ISO 8601 date and time/);
  assert.deepEqual(page.warnings, [
    'CVE-2099-1004 metrics.cvssMetricV31[0]: invalid CVSS vector "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H": ' +
      'metric AV: base metric may not be "X" (not defined)',
    `CVE-2099-1004 references[0]: "see the vendor's bulletin" is not a URI`,
  ]);
  // The CNA's v3.0 vector stands in for the invalid v3.1 one; NVD-CWE-noinfo is no CWE id.
  const record = page.records[0];
  assert.deepEqual(record.severity, [{ type: 'CVSS_V3', score: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N' }]);
  assert.equal((record.database_specific as Record<string, unknown>).cwe_ids, undefined);
});

test('a CVE without an id is named by its position', () => {
  const page = readNvdPage(
    { ...fixture('page-0003.json'), vulnerabilities: [{ cve: { published: '2099-01-01T00:00:00' } }, 42] },
    'p.json',
  );
  assert.deepEqual(
    page.problems.map((p) => p.id),
    ['p.json vulnerabilities[0]', 'p.json vulnerabilities[1]'],
  );
  assert.match(page.problems[0].reason, /cve\.id/);
  assert.equal(page.records.length, 0);
});

test('refuses what is not a CVE API 2.0 page, naming it', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ ...fixture('page-0000.json'), format: 'NVD_CPE' }, /format: must be "NVD_CVE"/],
    [{ ...fixture('page-0000.json'), version: '1.0' }, /version: must be a 2\.x API version/],
    [{ ...fixture('page-0000.json'), vulnerabilities: undefined }, /vulnerabilities/],
    [[], /\(page\)/],
  ];
  for (const [json, reason] of cases) {
    assert.throws(
      () => readNvdPage(json, 'https://nvd.example/cves?startIndex=0'),
      (error: unknown) => {
        assert.ok(error instanceof NvdPageError);
        assert.equal(error.where, 'https://nvd.example/cves?startIndex=0');
        assert.match(error.message, reason);
        return true;
      },
    );
  }
});
