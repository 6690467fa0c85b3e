import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { checkovParser } from './checkov.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/checkov/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = checkovParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('checkov: single check type, failed checks only', async () => {
  const findings = await parse(fixture('single.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'S3 Bucket has an ACL defined which allows public READ access.');
  assert.equal(findings[0].severity, 'High');
  assert.equal(findings[0].filePath, '/main.tf');
  assert.equal(findings[0].line, 10);
  assert.equal(findings[0].componentName, 'aws_s3_bucket.data');
  assert.match(findings[0].description ?? '', /Check Type: terraform\nCheck Id: CKV_AWS_20/);
  assert.equal(findings[1].severity, 'Medium', 'no severity → Medium');
});

test('checkov: list of check types, empty summary and dedup config', async () => {
  const findings = await parse(fixture('multiple.json'));
  assert.equal(findings.length, 3);
  assert.match(findings[2].description ?? '', /Check Type: dockerfile/);
  assert.deepEqual(await parse(fixture('empty.json')), []);
  assert.deepEqual(checkovParser.dedup.hashFields, ['title', 'cwe', 'line', 'filePath', 'description']);
});

test('checkov: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('{"check_type": "terraform", "results": {'), ParseError);
  await assert.rejects(() => parse('"text"'), /Not a Checkov report/);
  await assert.rejects(() => parse('{"results": {"failed_checks": {}}}'), /not an array/);
});
