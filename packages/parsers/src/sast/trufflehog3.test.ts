import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { trufflehog3Parser } from './trufflehog3.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/trufflehog3/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = trufflehog3Parser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('trufflehog3 3.x: merged per title + secret + severity + line', async () => {
  const findings = await parse(fixture('current.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'High entropy found in app/config.py');
  assert.equal(findings[0].severity, 'Low');
  assert.equal(findings[0].line, 12);
  assert.equal(findings[0].occurrences, 2);
  assert.equal(findings[1].severity, 'High');
  assert.equal(findings[1].cwe, 798);
});

test('trufflehog3 2.x legacy layout', async () => {
  const findings = await parse(fixture('legacy.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'Hard Coded High Entropy in: settings.py');
  assert.equal(findings[0].severity, 'Info');
  assert.equal(findings[0].occurrences, 2);
});

test('trufflehog3: empty report and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.json')), []);
  assert.equal(trufflehog3Parser.dedup.algorithm, 'hash_code');
});

test('trufflehog3: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('[{"rule": '), ParseError);
  await assert.rejects(() => parse('{"rule": {}}'), /expected a JSON array/);
  await assert.rejects(() => parse('[{"path": "x"}]'), /neither/);
});
