import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { sonarqubeParser, sonarqubeDetailedParser } from './sonarqube.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/sonarqube/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = sonarqubeParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('sonarqube sonar-report JSON: aggregated per cwe/title/description/file', async () => {
  const findings = await parse(fixture('sonar-report.json'));
  assert.equal(findings.length, 3);
  const [sqli, hash, unknown] = findings;
  assert.equal(sqli.title, 'Database queries should not be vulnerable to injection attacks');
  assert.equal(sqli.severity, 'Critical');
  assert.equal(sqli.cwe, 89);
  assert.equal(sqli.filePath, 'shop:app/db.py');
  assert.equal(sqli.occurrences, 2);
  assert.match(sqli.description ?? '', /Line: 42\nLine: 58/);
  assert.equal(hash.severity, 'High');
  assert.equal(hash.cwe, 328);
  assert.equal(unknown.description, 'No description provided\n\n-----\nOccurences:\nLine: 1');
});

test('sonarqube detailed: one finding per issue key', async () => {
  const findings = await parse(fixture('sonar-report.json'), sonarqubeDetailedParser);
  assert.equal(findings.length, 4);
  assert.equal(findings[1].uniqueIdFromTool, 'AYx2');
  assert.equal(findings[1].line, 58);
  assert.equal(sonarqubeDetailedParser.dedup.algorithm, 'unique_id_from_tool');
});

test('sonarqube Web API JSON and ZIP of pages', async () => {
  const issues = await parse(fixture('api-issues.json'));
  assert.equal(issues.length, 4);
  assert.equal(issues[0].title, 'pythonsecurity:S3649_AX1');
  assert.equal(issues[0].severity, 'High', 'BLOCKER → High in the Web API flavour');
  const log4j = issues[1];
  assert.equal(log4j.cwe, 502);
  assert.deepEqual(log4j.vulnerabilityIds, ['CVE-2021-44228']);
  assert.equal(log4j.componentName, 'log4j-core');
  assert.equal(log4j.componentVersion, '2.14.1');
  assert.equal(log4j.severity, 'Critical');
  assert.deepEqual(issues[2].tags, ['code_smell']);
  const hotspots = await parse(fixture('api-hotspots.json'));
  assert.equal(hotspots[0].severity, 'Medium');
  assert.equal((await parse(fixture('api-pages.zip'))).length, 5);
  assert.deepEqual(await parse(fixture('api-empty.json')), []);
  assert.deepEqual(sonarqubeParser.dedup, { algorithm: 'hash_code', hashFields: ['cwe', 'severity', 'filePath'] });
});

test('sonarqube: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('{"issues": ['), ParseError);
  await assert.rejects(() => parse('{"foo": 1}'), /neither a sonar-report JSON nor a Web API/);
  await assert.rejects(() => parse('<html><body></body></html>'), /HTML/);
  await assert.rejects(
    () => parse(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(10)])),
    /Malformed SonarQube ZIP/,
  );
});
