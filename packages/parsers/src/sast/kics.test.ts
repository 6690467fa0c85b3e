import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { kicsParser } from './kics.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/kics/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = kicsParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('kics: one finding per file entry, same platform/category/type/file/line merged', async () => {
  const findings = await parse(fixture('results.json'));
  assert.equal(findings.length, 4);
  const [versioning, , secret, weird] = findings;
  assert.equal(versioning.title, 'Observability: S3 Bucket Without Versioning');
  assert.equal(versioning.severity, 'Medium');
  assert.equal(versioning.filePath, 'main.tf');
  assert.equal(versioning.line, 10);
  assert.equal(versioning.occurrences, 2);
  assert.equal(versioning.componentName, 'Terraform');
  assert.equal(versioning.mitigation, 'x should be defined');
  assert.equal(secret.severity, 'High');
  assert.equal(weird.severity, 'Medium', 'unknown severity → Medium');
});

test('kics: empty report and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.json')), []);
  assert.deepEqual(kicsParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['filePath', 'line', 'severity', 'description', 'title'],
  });
});

test('kics: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('{"queries": [{'), ParseError);
  await assert.rejects(() => parse('{"files_scanned": 1}'), /missing queries array/);
  await assert.rejects(() => parse('{"queries": [{"files": [3]}]}'), /files\[0\] is not an object/);
});
