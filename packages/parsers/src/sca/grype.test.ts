import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { grypeParser } from './grype.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/grype/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await grypeParser.parse(Buffer.from(input), { scanType: 'Anchore Grype' })).findings;

test('grype: matches merged by title, with CVSS, EPSS, fixes and related ids', async () => {
  const findings = await parse(fixture('grype.json'));
  assert.equal(findings.length, 3, 'the second log4j-core location adds an occurrence');
  const log4j = findings[0];
  assert.equal(log4j.title, 'GHSA-jfh8-c2jp-5v3q in log4j-core:2.14.1');
  assert.equal(log4j.occurrences, 2);
  assert.equal(log4j.severity, 'Critical');
  assert.deepEqual(log4j.vulnerabilityIds, ['GHSA-jfh8-c2jp-5v3q', 'CVE-2021-44228']);
  assert.equal(log4j.cvssv3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H');
  assert.equal(log4j.epssScore, 0.97565, 'EPSS of the related CVE');
  assert.equal(log4j.epssPercentile, 0.99996);
  assert.equal(log4j.mitigation, 'Upgrade to version: 2.15.0');
  assert.equal(log4j.filePath, '/app/lib/log4j-core-2.14.1.jar');
  assert.equal(log4j.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  assert.deepEqual(log4j.tags, ['java']);
  const tar = findings[1];
  assert.equal(tar.severity, 'Info', 'Negligible');
  assert.deepEqual(tar.tags, ['dpkg', 'stock']);
  assert.equal(tar.mitigation, undefined);
  assert.equal(findings[2].mitigation, 'Upgrade to version:\n- 1.46.6-1\n- 1.47.0-1');
  assert.equal(findings[2].severity, 'High');
});

test('grype: no matches', async () => {
  assert.deepEqual(await parse(fixture('no-matches.json')), []);
});

test('grype: dedup', () => {
  assert.deepEqual(grypeParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'severity', 'componentName', 'componentVersion'],
  });
});

test('grype: bad input throws ParseError', async () => {
  await assert.rejects(parse('{"matches": [ {'), ParseError);
  await assert.rejects(
    parse('{"Results": []}'),
    (e) => e instanceof ParseError && /Not a Grype report/.test(e.message),
  );
  await assert.rejects(
    parse('{"matches": [ {"artifact": {}} ]}'),
    (e) => e instanceof ParseError && e.position?.path === 'matches[0]',
  );
  await assert.rejects(parse('{"matches": 5}'), ParseError);
});
