import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { checkmarxParser, checkmarxDetailedParser } from './checkmarx.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/checkmarx/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = checkmarxParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('checkmarx: aggregated per CWE + severity + sink file across queries', async () => {
  const findings = await parse(fixture('report.xml'));
  assert.equal(findings.length, 2);
  const [sqli, xss] = findings;
  assert.equal(sqli.title, 'SQL Injection (UserDao.java)');
  assert.equal(sqli.cwe, 89);
  assert.equal(sqli.severity, 'High');
  assert.equal(sqli.filePath, 'src/main/java/shop/UserDao.java');
  assert.equal(sqli.line, undefined);
  assert.equal(sqli.occurrences, 3);
  assert.equal(sqli.vulnIdFromTool, '594,612');
  assert.equal(sqli.verified, true, 'one confirmed member verifies the aggregate');
  assert.equal(sqli.falsePositive, false);
  assert.equal(sqli.date, '2024-03-04');
  assert.equal(xss.severity, 'Medium');
  assert.equal(xss.cwe, 79);
  assert.deepEqual(checkmarxParser.dedup, { algorithm: 'hash_code', hashFields: ['cwe', 'severity', 'filePath'] });
});

test('checkmarx detailed: one finding per result path', async () => {
  const findings = await parse(fixture('report.xml'), checkmarxDetailedParser);
  assert.equal(findings.length, 4);
  assert.equal(findings[0].uniqueIdFromTool, '-11802198931');
  assert.equal(findings[0].line, 55);
  assert.equal(findings[2].falsePositive, true);
  assert.equal(checkmarxDetailedParser.dedup.algorithm, 'unique_id_from_tool');
});

test('checkmarx: empty report', async () => {
  assert.deepEqual(await parse(fixture('empty.xml')), []);
});

test('checkmarx: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('<CxXMLResults><Query>'), ParseError);
  await assert.rejects(() => parse('<other/>'), /missing CxXMLResults/);
  await assert.rejects(() => parse('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CxXMLResults/>'), /DOCTYPE/);
  await assert.rejects(() => parse('{"scanResults": '), ParseError);
});
