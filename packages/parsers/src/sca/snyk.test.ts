import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { snykParser } from './snyk.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await snykParser.parse(Buffer.from(input), { scanType: 'Snyk Scan' })).findings;

test('snyk test --json: one finding per vulnerability path', async () => {
  const findings = await parse(fixture('snyk/single.json'));
  assert.equal(findings.length, 3);
  const [lodash, lodashViaUtils, license] = findings;
  assert.equal(lodash.title, 'shop-web@1.0.0: Prototype Pollution');
  assert.equal(lodash.severity, 'High', 'cvssScore 7.3');
  assert.equal(lodash.filePath, 'shop-web > lodash');
  assert.equal(lodash.vulnIdFromTool, 'SNYK-JS-LODASH-567746');
  assert.equal(lodash.componentName, 'lodash');
  assert.equal(lodash.componentVersion, '4.17.15');
  assert.equal(lodash.cwe, 400);
  assert.deepEqual(lodash.vulnerabilityIds, ['CVE-2020-8203']);
  assert.equal(lodash.cvssv3, 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:U/RC:C');
  assert.equal(lodash.cvssv3Score, 8.1);
  assert.equal(lodash.epssScore, 0.02411);
  assert.match(lodash.mitigation ?? '', /^## Remediation\nUpgrade `lodash`/);
  assert.match(lodash.mitigation ?? '', /Upgrade from lodash@4\.17\.15 to lodash@4\.17\.21/);
  assert.deepEqual(lodash.tags, ['target_file:package-lock.json', 'upgrade_to:lodash@4.17.21']);
  assert.equal(lodashViaUtils.filePath, 'shop-web > express-utils > lodash');
  assert.match(lodashViaUtils.references ?? '', /Several CWEs were reported: \n\nCWE-400, CWE-1321/);
  assert.equal(license.severity, 'Medium');
  assert.equal(license.cwe, undefined);
});

test('snyk --all-projects array and empty report', async () => {
  const findings = await parse(fixture('snyk/multi.json'));
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'Medium');
  assert.equal(findings[0].cwe, 22);
  assert.deepEqual(await parse(fixture('snyk/no-vulns.json')), []);
});

test('snyk: SARIF input is read as Snyk Code', async () => {
  const findings = await parse(fixture('snyk-code/snyk-code.sarif'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'javascript/Sqli_routes/login.js');
});

test('snyk: dedup', () => {
  assert.deepEqual(snykParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['vulnIdFromTool', 'filePath', 'componentName', 'componentVersion'],
  });
});

test('snyk: bad input throws ParseError', async () => {
  await assert.rejects(parse('{"vulnerabilities": [ {"id": '), ParseError);
  await assert.rejects(
    parse('{"SchemaVersion": 2, "Results": []}'),
    (e) => e instanceof ParseError && /Not a Snyk report/.test(e.message),
  );
  await assert.rejects(
    parse('{"vulnerabilities": [ "x" ]}'),
    (e) => e instanceof ParseError && e.position?.path === '$.vulnerabilities[0]',
  );
  await assert.rejects(parse('[ 5 ]'), ParseError);
});
