import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { dependencyCheckParser } from './dependency-check.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/dependency-check/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  dependencyCheckParser.parse(Buffer.from(input), { scanType: 'Dependency Check Scan' });

test('dependency-check 2.5: vulnerabilities, suppressed ones, dedup on title/cwe/file', async () => {
  const { findings, scanDate } = await parse(fixture('report-v2.5.xml'));
  assert.equal(scanDate, '2024-03-01');
  assert.equal(findings.length, 3, 'the OSS Index duplicate merges; related dependencies add no findings');
  const [log4shell, suppressed, jquery] = findings;
  assert.equal(log4shell.title, 'org.apache.logging.log4j:log4j-core:2.14.1 | CVE-2021-44228');
  assert.equal(log4shell.severity, 'Critical');
  assert.equal(log4shell.cvssv3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H');
  assert.equal(log4shell.cvssv3Score, 10);
  assert.equal(log4shell.cwe, 917);
  assert.equal(log4shell.filePath, 'log4j-core-2.14.1.jar');
  assert.equal(log4shell.componentName, 'org.apache.logging.log4j:log4j-core');
  assert.equal(log4shell.componentVersion, '2.14.1');
  assert.deepEqual(log4shell.vulnerabilityIds, ['CVE-2021-44228']);
  assert.match(log4shell.description ?? '', /\*\*Related Filepaths:\*\*\n- log4j-core-2\.14\.1\.jar \(\/src\/plugins/);
  assert.equal(suppressed.active, false);
  assert.equal(suppressed.mitigated, true);
  assert.deepEqual(suppressed.tags, ['suppressed']);
  assert.match(
    suppressed.mitigation ?? '',
    /^\*\*This vulnerability is mitigated and\/or suppressed:\*\* Not exploitable/,
  );
  assert.equal(jquery.title, 'jquery:1.8.1 | CVE-2012-6708');
  assert.equal(jquery.severity, 'Medium');
  assert.equal(jquery.cwe, 1035, 'fallback CWE for vulnerable third-party component');
});

test('dependency-check 1.3 schema with CPE identifiers', async () => {
  const { findings } = await parse(fixture('report-v1.3.xml'));
  assert.equal(findings.length, 1);
  assert.equal(findings[0].title, 'apache:struts:2.3.16 | CVE-2016-3081');
  assert.equal(findings[0].cwe, 20);
  assert.equal(findings[0].severity, 'High');
});

test('dependency-check without vulnerabilities and dedup config', async () => {
  assert.deepEqual((await parse(fixture('no-vulns.xml'))).findings, []);
  assert.deepEqual(dependencyCheckParser.dedup, { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'filePath'] });
});

test('dependency-check bad input throws ParseError', async () => {
  await assert.rejects(parse('<analysis><dependencies>'), ParseError);
  await assert.rejects(
    parse('<bom xmlns="http://cyclonedx.org/schema/bom/1.4"/>'),
    (e) => e instanceof ParseError && /<analysis>/.test(e.message),
  );
  await assert.rejects(
    parse('{"reportSchema": "1.1"}'),
    (e) => e instanceof ParseError && /JSON is not supported/.test(e.message),
  );
});
