import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { snykCodeParser } from './snyk-code.ts';

const fixture = readFileSync(new URL('./fixtures/snyk-code/snyk-code.sarif', import.meta.url));
const parse = async (input: Buffer | string) =>
  snykCodeParser.parse(Buffer.from(input), { scanType: 'Snyk Code Scan' });

test('snyk code: SARIF results with ruleId_path titles and priority-score severity', async () => {
  const { findings, toolName } = await parse(fixture);
  assert.equal(toolName, 'SnykCode');
  assert.equal(findings.length, 2);
  const [sqli, secret] = findings;
  assert.equal(sqli.title, 'javascript/Sqli_routes/login.js');
  assert.equal(sqli.severity, 'High', 'priorityScore 807');
  assert.equal(sqli.cwe, 89);
  assert.equal(sqli.filePath, 'routes/login.js');
  assert.equal(sqli.line, 34);
  assert.equal(sqli.vulnIdFromTool, 'javascript/Sqli');
  assert.equal(sqli.uniqueIdFromTool, '3e4f1b5c');
  assert.match(sqli.description ?? '', /\*\*score\*\*: 807\n\*\*isAutofixable\*\*: False/);
  assert.equal(secret.severity, 'Low');
  assert.equal(secret.cwe, 547);
});

test('snyk code: dedup fields', () => {
  assert.deepEqual(snykCodeParser.dedup, { algorithm: 'legacy', hashFields: ['vulnIdFromTool', 'filePath'] });
});

test('snyk code: bad input', async () => {
  await assert.rejects(
    parse('{"vulnerabilities": []}'),
    (e) => e instanceof ParseError && /Snyk Code SARIF/.test(e.message),
  );
  await assert.rejects(parse('{"runs": ['), ParseError);
});
