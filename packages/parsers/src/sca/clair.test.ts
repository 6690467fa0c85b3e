import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { clairParser } from './clair.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/clair/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await clairParser.parse(Buffer.from(input), { scanType: 'Clair Scan' })).findings;

test('clair-scanner form: one finding per vulnerability and feature, last duplicate wins', async () => {
  const findings = await parse(fixture('clair-scanner.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'CVE-2019-5827 - (sqlite3, 3.22.0-1ubuntu0.1)');
  assert.equal(findings[0].severity, 'High', 'the later duplicate replaces the first in place');
  assert.deepEqual(findings[0].vulnerabilityIds, ['CVE-2019-5827']);
  assert.equal(findings[0].componentName, 'sqlite3');
  assert.equal(findings[0].mitigation, '3.22.0-1ubuntu0.2');
  assert.equal(findings[1].severity, 'Info');
});

test('klar form: grouped by severity, Unknown maps to Critical as in DefectDojo', async () => {
  const findings = await parse(fixture('klar.json'));
  assert.deepEqual(
    findings.map((f) => [f.title, f.severity]),
    [
      ['CVE-2020-1234 - (libfoo, 0.1)', 'Critical'],
      ['CVE-2005-2541 - (tar, 1.29b-1.1)', 'Info'],
      ['CVE-2019-3462 - (apt, 1.4.8)', 'High'],
    ],
  );
  assert.equal(findings[2].mitigation, 'Please use version 1.4.9 of library apt');
  assert.equal(findings[2].cwe, 1035);
});

test('clair: empty report and dedup', async () => {
  assert.deepEqual(await parse(fixture('no-vulns.json')), []);
  assert.deepEqual(clairParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'vulnerabilityIds', 'description', 'severity'],
  });
});

test('clair: bad input throws ParseError', async () => {
  await assert.rejects(parse('{"image": "x", "vulnerabilities": ['), ParseError);
  await assert.rejects(
    parse('{"Results": []}'),
    (e) => e instanceof ParseError && /Not a Clair report/.test(e.message),
  );
  await assert.rejects(
    parse('{"image": "x", "vulnerabilities": [1]}'),
    (e) => e instanceof ParseError && e.position?.path === 'vulnerabilities[0]',
  );
});
