import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { banditParser } from './bandit.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/bandit/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = banditParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('bandit: one finding per result, no merging', async () => {
  const findings = await parse(fixture('results.json'));
  assert.equal(findings.length, 3);
  const [shell, assertUsed] = findings;
  assert.equal(shell.title, 'subprocess call with shell=True identified, security issue.');
  assert.equal(shell.severity, 'High');
  assert.equal(shell.filePath, 'app/run.py');
  assert.equal(shell.line, 12);
  assert.equal(shell.vulnIdFromTool, 'subprocess_popen_with_shell_equals_true:B602');
  assert.equal(shell.date, '2024-03-05');
  assert.match(shell.description ?? '', /\*\*Test ID:\*\* `B602`/);
  assert.equal(assertUsed.severity, 'Low');
});

test('bandit: empty report and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.json')), []);
  assert.deepEqual(banditParser.dedup, { algorithm: 'hash_code', hashFields: ['filePath', 'line', 'vulnIdFromTool'] });
});

test('bandit: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('{"results": [{"test_id"'), ParseError);
  await assert.rejects(() => parse('[]'), /Not a Bandit report/);
  await assert.rejects(() => parse('{"results": [{"test_id": "B1"}]}'), ParseError);
});
