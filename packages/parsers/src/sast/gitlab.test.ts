import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError, type Parser } from '../parser.ts';
import { gitlabSastParser } from './gitlab-sast.ts';
import { gitlabDepScanParser } from './gitlab-dep-scan.ts';
import { gitlabSecretDetectionParser } from './gitlab-secret-detection.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/gitlab/${name}`, import.meta.url));
const parse = async (parser: Parser, input: Buffer | string) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('gitlab SAST: one finding per id (last wins), Unknown severity → Info with title note', async () => {
  const findings = await parse(gitlabSastParser, fixture('sast-v15.json'));
  assert.equal(findings.length, 2);
  const [sqli, hash] = findings;
  assert.equal(sqli.title, 'Improper Neutralization (repeat)');
  assert.equal(sqli.uniqueIdFromTool, '5e2f0b3c1d');
  assert.equal(sqli.line, 40);
  assert.equal(hash.title, '[Unknown severity] Use of weak hash');
  assert.equal(hash.severity, 'Info');
  assert.equal(hash.cwe, 327);
  assert.deepEqual(hash.vulnerabilityIds, ['CVE-2020-0001']);
  assert.match(hash.description ?? '', /^Scanner: Semgrep\n/);
});

test('gitlab SAST: old schema (cve fingerprint, end_line) and empty report', async () => {
  const [finding] = await parse(gitlabSastParser, fixture('sast-v2-cve.json'));
  assert.equal(finding.title, 'Predictable pseudorandom number generator');
  assert.equal(finding.uniqueIdFromTool, 'app/Random.java:12:find_sec_bugs_type:PREDICTABLE_RANDOM');
  assert.equal(finding.severity, 'Medium');
  assert.match(finding.references ?? '', /PREDICTABLE_RANDOM/);
  assert.deepEqual(await parse(gitlabSastParser, fixture('sast-empty.json')), []);
  assert.deepEqual(gitlabSastParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'cwe', 'line', 'filePath', 'description'],
  });
});

test('gitlab dependency scanning: CVE-prefixed titles, other categories skipped', async () => {
  const findings = await parse(gitlabDepScanParser, fixture('dependency-scanning.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'CVE-2020-8203: Prototype Pollution in lodash');
  assert.equal(findings[0].componentName, 'lodash');
  assert.equal(findings[0].componentVersion, '4.17.15');
  assert.equal(findings[0].filePath, 'package-lock.json');
  assert.match(findings[0].description ?? '', /^Scanner: Gemnasium/);
  assert.equal(findings[1].title, '[Undefined severity] ReDoS in minimist');
  assert.equal(findings[1].cwe, 1333);
  assert.deepEqual(gitlabDepScanParser.dedup.hashFields, [
    'title',
    'vulnerabilityIds',
    'filePath',
    'componentName',
    'componentVersion',
  ]);
});

test('gitlab secret detection: one finding per vulnerability', async () => {
  const findings = await parse(gitlabSecretDetectionParser, fixture('secret-detection.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'AWS detected; please remove and revoke it if this is a leak.');
  assert.equal(findings[0].severity, 'Critical');
  assert.equal(findings[0].line, 5);
  assert.equal(findings[0].date, '2024-02-03');
  assert.match(findings[0].description ?? '', /AKIAIOSFODNN7EXAMPLE/);
  assert.equal(findings[1].title, 'Password in URL detected; please remove and revoke it if this is a leak.');
  assert.equal(findings[1].severity, 'Info');
});

test('gitlab: bad input throws ParseError', async () => {
  for (const parser of [gitlabSastParser, gitlabDepScanParser, gitlabSecretDetectionParser]) {
    await assert.rejects(() => parse(parser, '{"vulnerabilities": ['), ParseError);
    await assert.rejects(() => parse(parser, '{"version": "15.0.0"}'), /missing vulnerabilities array/);
    await assert.rejects(() => parse(parser, '{"vulnerabilities": [7]}'), /vulnerabilities\[0\] is not an object/);
  }
  await assert.rejects(() => parse(gitlabSastParser, '{"vulnerabilities": [{"name": "x"}]}'), /neither "id" nor "cve"/);
});
