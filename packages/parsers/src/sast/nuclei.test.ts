import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { nucleiParser } from './nuclei.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/nuclei/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = nucleiParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

for (const file of ['export.json', 'results.jsonl']) {
  test(`nuclei ${file}: merged per template + type + matcher + host`, async () => {
    const findings = await parse(fixture(file));
    assert.equal(findings.length, 3);
    const [log4j, tech, ssh] = findings;
    assert.equal(log4j.title, 'Apache Log4j2 Remote Code Injection');
    assert.equal(log4j.severity, 'Critical');
    assert.equal(log4j.cwe, 502);
    assert.deepEqual(log4j.vulnerabilityIds, ['CVE-2021-44228']);
    assert.equal(log4j.cvssv3Score, 10);
    assert.equal(log4j.endpoints?.[0].host, 'shop.example.com');
    assert.equal(tech.occurrences, 3);
    assert.equal(tech.componentName, 'nginx');
    assert.equal(tech.endpoints?.length, 2, 'distinct matched URLs are kept');
    assert.equal(ssh.severity, 'Low', 'unknown severity → Low');
    assert.equal(ssh.endpoints?.[0].port, 22);
    assert.match(ssh.description ?? '', /OpenSSH_8\.9p1/);
  });
}

test('nuclei: empty file and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.json')), []);
  assert.deepEqual(await parse('[]'), []);
  assert.deepEqual(nucleiParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'cwe', 'severity', 'componentName'],
  });
});

test('nuclei: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('[{"info": {}'), ParseError);
  await assert.rejects(() => parse('{"info": {"name": "a", "severity": "low"}}\n{"inf'), /line 2/);
  await assert.rejects(() => parse('<html>'), /Not a Nuclei report/);
  await assert.rejects(() => parse('[{"template-id": "x"}]'), /lacks "info"/);
});
