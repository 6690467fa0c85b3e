import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { cyclonedxParser } from './cyclonedx.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/cyclonedx/${name}`, import.meta.url));
const parse = async (input: Buffer | string, filename?: string) =>
  cyclonedxParser.parse(Buffer.from(input), { scanType: 'CycloneDX Scan', filename });

test('cyclonedx json: one finding per vulnerability and affected component', async () => {
  const { findings, scanDate } = await parse(fixture('bom-1.5.json'), 'bom.json');
  assert.equal(scanDate, '2024-04-02');
  assert.equal(findings.length, 4);
  const lodash = findings[0];
  assert.equal(lodash.title, 'lodash:4.17.15 | CVE-2020-8203');
  assert.equal(lodash.severity, 'High');
  assert.equal(lodash.cwe, 1321);
  assert.deepEqual(lodash.vulnerabilityIds, ['CVE-2020-8203', 'GHSA-p6mc-m468-83gw']);
  assert.equal(lodash.componentName, 'lodash');
  assert.equal(lodash.purl, 'pkg:npm/lodash@4.17.15');
  assert.equal(lodash.cvssv3, 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H');
  assert.equal(lodash.mitigation, 'Upgrade to lodash 4.17.20 or later');

  const jackson = findings[1];
  assert.equal(jackson.title, 'jackson-databind:2.9.10.1 | CVE-2020-9548', 'nested component resolved');
  assert.equal(jackson.severity, 'Critical');
  assert.equal(jackson.cvssv3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  assert.equal(jackson.active, false);
  assert.equal(jackson.mitigated, true);
  assert.match(jackson.mitigation ?? '', /mitigated and\/or suppressed:\*\* The gadget classes/);
  assert.equal(findings[2].title, 'lodash:4.17.15 | CVE-2020-9548');

  const minimist = findings[3];
  assert.equal(minimist.title, 'minimist:None | CVE-2021-44906', 'a missing version prints as None, like DefectDojo');
  assert.equal(minimist.severity, 'Info');
  assert.equal(minimist.falsePositive, true);
  assert.equal(minimist.description, 'Description was not provided.');
});

test('cyclonedx json without vulnerabilities has no findings', async () => {
  assert.deepEqual((await parse(fixture('no-vulns.json'))).findings, []);
});

test('cyclonedx xml 1.4 vulnerabilities', async () => {
  const { findings } = await parse(fixture('bom-1.4.xml'), 'bom.xml');
  assert.equal(findings.length, 3);
  assert.equal(findings[0].title, 'django:3.2.0 | CVE-2021-33203');
  assert.equal(findings[0].severity, 'Medium');
  assert.equal(findings[0].cwe, 22);
  assert.deepEqual(findings[0].vulnerabilityIds, ['CVE-2021-33203', 'GHSA-68w8-qjq3-2gfm']);
  assert.equal(findings[1].componentName, 'urllib3');
  assert.equal(findings[2].severity, 'High');
  assert.equal(findings[2].mitigated, true);
  assert.equal(findings[2].date, '2023-11-05');
});

test('cyclonedx xml legacy vulnerability extension', async () => {
  const { findings } = await parse(fixture('legacy-ext.xml'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'jquery:2.1.4 | CVE-2015-9251');
  assert.equal(findings[0].cwe, 79);
  assert.equal(findings[0].severity, 'Medium');
  assert.equal(findings[0].cvssv3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N');
  assert.equal(findings[0].references, 'https://github.com/jquery/jquery/issues/2432\n');
  assert.equal(findings[1].title, 'jquery:2.1.4 | CVE-2019-11358');
  assert.equal(findings[1].severity, 'Low');
});

test('cyclonedx dedup', () => {
  assert.deepEqual(cyclonedxParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['vulnIdFromTool', 'componentName', 'componentVersion'],
  });
});

test('cyclonedx bad input throws ParseError', async () => {
  await assert.rejects(parse('{"bomFormat": "CycloneDX", "vulnerabilities": [', 'x.json'), ParseError);
  await assert.rejects(
    parse('{"hello": "world"}'),
    (e) => e instanceof ParseError && /Not a CycloneDX report/.test(e.message),
  );
  await assert.rejects(
    parse('{"bomFormat": "CycloneDX", "vulnerabilities": {}}'),
    (e) => e instanceof ParseError && e.position?.path === 'vulnerabilities',
  );
  await assert.rejects(parse('<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components>'), ParseError);
  await assert.rejects(
    parse('<report xmlns="urn:other"/>'),
    (e) => e instanceof ParseError && /Not a CycloneDX BOM XML/.test(e.message),
  );
  await assert.rejects(parse('<!DOCTYPE bom [<!ENTITY x "y">]><bom/>'), ParseError);
});
