import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { sarifParser } from './sarif.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/sarif/${name}`, import.meta.url));
const parse = async (input: Buffer | string) => sarifParser.parse(Buffer.from(input), { scanType: 'SARIF' });

test('sarif: one finding per result location, kind != fail skipped', async () => {
  const { findings, toolName } = await parse(fixture('codeql.sarif'));
  assert.equal(toolName, 'CodeQL');
  assert.equal(findings.length, 5);
  const xss = findings[0];
  assert.equal(xss.title, 'Cross-site scripting vulnerability due to a [user-provided value](1).');
  assert.equal(xss.severity, 'Medium', 'security-severity 6.1 overrides level error');
  assert.equal(xss.cvssv3Score, 6.1);
  assert.equal(xss.cwe, 116, 'the last CWE tag wins, as in DefectDojo');
  assert.equal(xss.filePath, 'src/routes/search.js');
  assert.equal(xss.line, 42);
  assert.equal(xss.vulnIdFromTool, 'js/reflected-xss');
  assert.equal(
    xss.uniqueIdFromTool,
    'primaryLocationLineHash:a1b2c3d4e5f60718:1|primaryLocationStartColumnFingerprint:7',
  );
  assert.equal(xss.references, 'https://codeql.github.com/codeql-query-help/javascript/js-reflected-xss/');
  assert.equal(xss.date, '2024-02-20');
  assert.match(xss.description ?? '', /\*\*Snippet:\*\*\n```\nres\.send\(req\.query\.q\)\n```/);

  const [logA, logB] = [findings[1], findings[2]];
  assert.equal(logA.severity, 'Info', 'rule default level note');
  assert.equal(logA.cwe, 117);
  assert.deepEqual([logA.filePath, logB.filePath], ['src/logger.js', 'src/audit.js']);
  assert.equal(logA.uniqueIdFromTool, 'f00dfeed', 'highest fingerprint version');

  const suppressed = findings[3];
  assert.equal(suppressed.falsePositive, true);
  assert.equal(suppressed.active, false);

  const grype = findings[4];
  assert.equal(grype.severity, 'High');
  assert.deepEqual(grype.vulnerabilityIds, ['CVE-2022-24999']);
  assert.equal(grype.line, undefined);
});

test('sarif: zero results', async () => {
  const { findings, toolName } = await parse(fixture('empty.sarif'));
  assert.deepEqual(findings, []);
  assert.equal(toolName, 'Semgrep OSS');
});

test('sarif: dedup is unique id or legacy hash fields', () => {
  assert.deepEqual(sarifParser.dedup, {
    algorithm: 'unique_id_from_tool_or_hash_code',
    hashFields: ['title', 'cwe', 'line', 'filePath', 'description'],
  });
});

test('sarif: malformed and wrong-shape input throw ParseError', async () => {
  await assert.rejects(parse('{"runs": [ {"tool": '), ParseError);
  await assert.rejects(
    parse('{"version": "2.1.0"}'),
    (e) => e instanceof ParseError && /missing "runs"/.test(e.message),
  );
  await assert.rejects(parse('[1,2]'), ParseError);
  await assert.rejects(
    parse('{"runs": [ {"results": [ 3 ]} ]}'),
    (e) => e instanceof ParseError && e.position?.path === 'runs[0].results[0]',
  );
  await assert.rejects(
    parse('{"runs": [ {"results": [ {"kind": "fail"} ]} ]}'),
    (e) => e instanceof ParseError && /title/.test(e.message),
  );
});
