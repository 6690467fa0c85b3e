import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { gitleaksParser } from './gitleaks.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/gitleaks/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = gitleaksParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('gitleaks v8: title+secret+line repeats merge into occurrences', async () => {
  const findings = await parse(fixture('v8.json'));
  assert.equal(findings.length, 2);
  const [aws, generic] = findings;
  assert.equal(aws.title, 'Hard coded AWS Access Key found in config/settings.py');
  assert.equal(aws.severity, 'High');
  assert.equal(aws.cwe, 798);
  assert.equal(aws.line, 12);
  assert.equal(aws.filePath, 'config/settings.py');
  assert.equal(aws.occurrences, 2);
  assert.match(aws.description ?? '', /\*\*\*/);
  assert.equal(generic.vulnIdFromTool, 'generic-api-key');
});

test('gitleaks v7: repeats of offender+file+line are dropped, AWS is Critical', async () => {
  const findings = await parse(fixture('v7.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'Hard Coded AWS Access Key');
  assert.equal(findings[0].severity, 'Critical');
  assert.equal(findings[0].line, 4);
  assert.match(findings[0].description ?? '', /REDACTED/);
  assert.deepEqual(findings[0].tags, ['key', 'AWS']);
  assert.equal(findings[1].severity, 'High');
});

test('gitleaks: null/empty report and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.json')), []);
  assert.deepEqual(await parse('[]'), []);
  assert.equal(gitleaksParser.dedup.algorithm, 'hash_code');
  assert.deepEqual(gitleaksParser.dedup.hashFields, ['title', 'cwe', 'line', 'filePath', 'description']);
});

test('gitleaks: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('[{"Description": "x"'), ParseError);
  await assert.rejects(() => parse('{"leaks": []}'), /expected a JSON array/);
  await assert.rejects(() => parse('[{"foo": 1}]'), /neither a v7/);
});
