import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { spdxParser } from './spdx.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/spdx/${name}`, import.meta.url));
const parse = async (input: Buffer | string, filename?: string) =>
  spdxParser.parse(Buffer.from(input), { scanType: 'SPDX Scan', filename });

test('spdx json: security advisory references become one finding per package and id', async () => {
  const { findings, scanDate } = await parse(fixture('sbom-2.3.json'), 'sbom.spdx.json');
  assert.equal(scanDate, '2024-06-01');
  assert.equal(findings.length, 3, 'CPE references are identity, not findings; CVE-2021-44228 is merged');
  const [log4shell, followUp, requests] = findings;
  assert.equal(log4shell.title, 'log4j-core:2.14.1 | CVE-2021-44228');
  assert.equal(log4shell.severity, 'Medium');
  assert.equal(log4shell.uniqueIdFromTool, 'SPDXRef-Package-log4j-core|CVE-2021-44228');
  assert.equal(log4shell.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  assert.equal(log4shell.references?.split('\n').length, 2);
  assert.match(log4shell.description ?? '', /\*\*CPE:\*\* cpe:2\.3:a:apache:log4j/);
  assert.equal(followUp.vulnIdFromTool, 'CVE-2021-45046');
  assert.equal(requests.title, 'requests | GHSA-J8R2-6X86-Q33Q', 'NOASSERTION version is absent');
  assert.deepEqual(requests.vulnerabilityIds, ['GHSA-J8R2-6X86-Q33Q']);
});

test('spdx tag-value', async () => {
  const { findings } = await parse(fixture('sbom.spdx'), 'sbom.spdx');
  assert.deepEqual(
    findings.map((f) => f.title),
    ['lodash:4.17.20 | GHSA-35JH-R3H4-6JHM', 'lodash:4.17.20 | CVE-2021-23337'],
  );
});

test('spdx without advisories has no findings', async () => {
  assert.deepEqual((await parse(fixture('no-vulns.json'))).findings, []);
});

test('spdx dedup is DefectDojo legacy', () => {
  assert.equal(spdxParser.dedup.algorithm, 'legacy');
});

test('spdx bad input throws ParseError', async () => {
  await assert.rejects(parse('{"spdxVersion": "SPDX-2.3", "packages": [', 'a.json'), ParseError);
  await assert.rejects(
    parse('{"@context": "https://spdx.org/rdf/3.0.0/spdx-context.jsonld", "@graph": []}'),
    (e) => e instanceof ParseError && /3\.x/.test(e.message),
  );
  await assert.rejects(
    parse('{"bomFormat": "CycloneDX"}'),
    (e) => e instanceof ParseError && /Not an SPDX document/.test(e.message),
  );
  await assert.rejects(parse('hello world'), ParseError);
});
