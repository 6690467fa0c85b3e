import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { trufflehogParser } from './trufflehog.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/trufflehog/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = trufflehogParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('trufflehog v3 JSONL: merged per file + detector', async () => {
  const findings = await parse(fixture('v3.jsonl'));
  assert.equal(findings.length, 3);
  const [aws, key, slack] = findings;
  assert.equal(aws.title, 'Hard Coded AWS secret in: config/aws.yml');
  assert.equal(aws.severity, 'Critical', 'verified secrets are Critical');
  assert.equal(aws.occurrences, 2);
  assert.equal(aws.line, 4);
  assert.equal(aws.cwe, 798);
  assert.match(aws.description ?? '', /account: 123456789012/);
  assert.equal(key.severity, 'High');
  assert.equal(slack.severity, 'Critical', 'other unverified detectors stay Critical as in DefectDojo');
});

test('trufflehog v2 JSONL: merged per file + reason', async () => {
  const findings = await parse(fixture('v2.jsonl'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].severity, 'Info');
  assert.equal(findings[0].occurrences, 2);
  assert.equal(findings[1].severity, 'Critical');
});

test('trufflehog: empty file and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.jsonl')), []);
  assert.deepEqual(trufflehogParser.dedup, { algorithm: 'hash_code', hashFields: ['title', 'description', 'line'] });
});

test('trufflehog: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('{"SourceMetadata": {}}\n{"Detector'), /line 2/);
  await assert.rejects(() => parse('{"foo": 1}'), /neither/);
  await assert.rejects(() => parse('[1, 2]'), ParseError);
});
