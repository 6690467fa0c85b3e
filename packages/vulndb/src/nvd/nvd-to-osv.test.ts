import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ZOsvRecord } from '@vigil/contract';
import { readNvdPage } from './nvd-page.ts';
import { type NvdCve, ZNvdCve } from './nvd-schema.ts';
import { osvFromNvdCve } from './nvd-to-osv.ts';

const fixture = (name: string): { vulnerabilities: Array<{ cve: Record<string, unknown> }> } =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const page = readNvdPage(fixture('page-0000.json'), 'page-0000.json');
const byId = new Map(page.records.map((r) => [r.id, r]));

test('maps a CVE to an OSV record: dates in UTC, English text, CVSS vectors, CWEs, references', () => {
  const log4shell = byId.get('CVE-2021-44228');
  assert.ok(log4shell);
  assert.equal(log4shell.published, '2021-12-10T10:15:09.143Z');
  assert.equal(log4shell.modified, '2025-02-04T15:15:13.773Z');
  assert.equal(log4shell.withdrawn, undefined);
  assert.match(log4shell.details ?? '', /^Apache Log4j2 2\.0-beta9 .* substitution is enabled\.$/);
  // The first sentence runs past 200 characters: cut at a word.
  assert.ok((log4shell.summary ?? '').length <= 200);
  assert.match(log4shell.summary ?? '', /^Apache Log4j2 2\.0-beta9 through 2\.15\.0 .* attacker…$/);
  assert.deepEqual(log4shell.severity, [
    { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' },
    { type: 'CVSS_V2', score: 'AV:N/AC:M/Au:N/C:C/I:C/A:C' },
  ]);
  assert.deepEqual(log4shell.references, [
    { type: 'ADVISORY', url: 'https://logging.apache.org/log4j/2.x/security.html' },
    { type: 'FIX', url: 'https://github.com/apache/logging-log4j2/pull/608' },
    {
      type: 'ADVISORY',
      url: 'http://packetstormsecurity.com/files/165225/Apache-Log4j2-2.14.1-Remote-Code-Execution.html',
    },
    { type: 'ADVISORY', url: 'https://www.kb.cert.org/vuls/id/930724' },
  ]);
  const specific = log4shell.database_specific as { cwe_ids: string[]; nvd: Record<string, unknown> };
  assert.deepEqual(specific.cwe_ids, ['CWE-20', 'CWE-400', 'CWE-502', 'CWE-917']);
  assert.equal(specific.nvd.vulnStatus, 'Analyzed');
  assert.deepEqual(specific.nvd.configurations, fixture('page-0000.json').vulnerabilities[0].cve.configurations);
  assert.deepEqual(
    (specific.nvd.metrics as Array<{ version: string; baseScore: number; computedBaseScore: number }>).map((m) => [
      m.version,
      m.baseScore,
      m.computedBaseScore,
    ]),
    [
      ['3.1', 10, 10],
      ['2.0', 9.3, 9.3],
    ],
  );
  for (const record of page.records) assert.ok(ZOsvRecord.safeParse(record).success, record.id);
});

test('keeps one vector per CVSS version, v4.0 first; an untagged reference is WEB', () => {
  const record = byId.get('CVE-2099-1001');
  assert.deepEqual(
    record?.severity?.map((s) => s.type),
    ['CVSS_V4', 'CVSS_V3'],
  );
  assert.equal(record?.summary?.endsWith('outside the target directory.'), true);
  assert.deepEqual(
    record?.references?.map((r) => r.type),
    ['WEB', 'REPORT'],
  );
});

test('a rejected CVE is withdrawn as of its last modification', () => {
  const rejected = byId.get('CVE-2099-1002');
  assert.equal(rejected?.withdrawn, '2099-03-05T17:45:10.250Z');
  assert.equal(rejected?.severity, undefined);
});

function cve(overrides: Record<string, unknown>): NvdCve {
  return ZNvdCve.parse({
    id: 'CVE-2099-2000',
    published: '2099-01-01T00:00:00.000',
    lastModified: '2099-01-02T00:00:00.000',
    descriptions: [{ lang: 'en', value: 'Sample.' }],
    ...overrides,
  });
}

const v31 = (type: string, vectorString: string, baseScore: number, version = '3.1') => ({
  source: `${type}@example.org`,
  type,
  cvssData: { version, vectorString, baseScore },
});

test("prefers the NVD's Primary score, reports a metric in the wrong list or scored unlike its vector", () => {
  const mapped = osvFromNvdCve(
    cve({
      metrics: {
        cvssMetricV31: [
          v31('Secondary', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8),
          v31('Primary', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 7.5),
          v31('Secondary', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, '3.0'),
        ],
      },
    }),
  );
  assert.ok(mapped.ok);
  assert.deepEqual(mapped.record.severity, [
    { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  ]);
  assert.deepEqual(mapped.warnings, [
    'CVE-2099-2000 metrics.cvssMetricV31[1]: the NVD says 7.5, the vector scores 8.1',
    'CVE-2099-2000 metrics.cvssMetricV31[2]: version "3.0" in the CVSS 3.1 list',
  ]);
});

test('an English variant stands in for "en"; no English text leaves summary and details out', () => {
  const variant = osvFromNvdCve(cve({ descriptions: [{ lang: 'en-US', value: 'Variant text. More.' }] }));
  assert.ok(variant.ok);
  assert.equal(variant.record.summary, 'Variant text.');
  const none = osvFromNvdCve(cve({ descriptions: [{ lang: 'es', value: 'Texto.' }] }));
  assert.ok(none.ok);
  assert.equal(none.record.summary, undefined);
  assert.equal(none.record.details, undefined);
});

test("a v4.0 vector with threat metrics: the NVD's score is the vector's, the stored one its base score", () => {
  const vector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U';
  const mapped = osvFromNvdCve(
    cve({
      metrics: {
        cvssMetricV40: [
          { source: 'c', type: 'Secondary', cvssData: { version: '4.0', vectorString: vector, baseScore: 8.1 } },
        ],
      },
    }),
  );
  assert.ok(mapped.ok);
  assert.deepEqual(mapped.warnings, []);
  const nvd = (mapped.record.database_specific as { nvd: { metrics: Array<Record<string, unknown>> } }).nvd;
  assert.equal(nvd.metrics[0].computedBaseScore, 9.3);
});
