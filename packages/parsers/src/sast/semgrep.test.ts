import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { semgrepParser } from './semgrep.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/semgrep/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = semgrepParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('semgrep: merges rule+path+line repeats, maps severities and CWE', async () => {
  const findings = await parse(fixture('results.json'));
  assert.equal(findings.length, 3);
  const [sqli, xss, info] = findings;
  assert.equal(sqli.title, 'python.lang.security.audit.formatted-sql-query.formatted-sql-query');
  assert.equal(sqli.severity, 'High');
  assert.equal(sqli.cwe, 89);
  assert.equal(sqli.filePath, 'app/db.py');
  assert.equal(sqli.line, 42);
  assert.equal(sqli.occurrences, 2);
  assert.equal(sqli.uniqueIdFromTool, 'abc123');
  assert.match(sqli.description ?? '', /\*\*Result message:\*\* Detected possible formatted SQL query/);
  assert.equal(xss.severity, 'Medium');
  assert.equal(xss.cwe, 79);
  assert.equal(xss.uniqueIdFromTool, undefined, '"requires login" is no fingerprint');
  assert.equal(info.severity, 'Low', 'INFO maps to Low as in DefectDojo');
  assert.equal(info.cwe, undefined);
});

test('semgrep: empty report and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.json')), []);
  assert.equal(semgrepParser.dedup.algorithm, 'unique_id_from_tool_or_hash_code');
  assert.deepEqual(semgrepParser.dedup.hashFields, ['title', 'cwe', 'line', 'filePath', 'description']);
});

test('semgrep: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('{"results": ['), ParseError);
  await assert.rejects(() => parse('{"errors": []}'), /missing results array/);
  await assert.rejects(() => parse('{"results": [{"check_id": "x"}]}'), ParseError);
  await assert.rejects(
    () =>
      parse(
        '{"results": [{"check_id": "x", "path": "a", "start": {"line": 1}, "extra": {"severity": "BOGUS", "message": ' +
          '"m", "metadata": {}}}]}',
      ),
    /unknown severity/,
  );
});
