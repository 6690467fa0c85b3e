import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { veracodeParser } from './veracode.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/veracode/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser = veracodeParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('veracode XML: static, dynamic (first issueid wins) and SCA findings', async () => {
  const findings = await parse(fixture('detailed.xml'));
  assert.equal(findings.length, 5);
  const [sqli, fixed, xss, log4j, log4j2] = findings;
  assert.equal(sqli.title, "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')");
  assert.equal(sqli.severity, 'Critical');
  assert.equal(sqli.cwe, 89);
  assert.equal(sqli.filePath, 'shop/dao/UserDao.java');
  assert.equal(sqli.line, 55);
  assert.equal(sqli.uniqueIdFromTool, 'app-998877_issue-101');
  assert.match(sqli.mitigation ?? '', /\* Use parameterized prepared statements/);
  assert.equal(sqli.staticFinding, true);
  assert.equal(fixed.mitigated, true);
  assert.equal(fixed.active, false);
  assert.equal(xss.dynamicFinding, true);
  assert.equal(xss.severity, 'Medium');
  assert.equal(xss.endpoints?.[0].url, 'https://shop.example.com/search?q=1');
  assert.equal(log4j.title, 'Vulnerable component: log4j-core:2.14.1');
  assert.deepEqual(log4j.vulnerabilityIds, ['CVE-2021-44228']);
  assert.equal(log4j.cwe, 502);
  assert.equal(log4j.cvssv3Score, 10);
  assert.equal(log4j2.cwe, 917);
});

test('veracode: empty report, REST JSON and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.xml')), []);
  const json = JSON.stringify({
    _embedded: {
      findings: [
        {
          scan_type: 'STATIC',
          count: 2,
          finding_status: { status: 'OPEN' },
          finding_details: {
            severity: 4,
            cwe: { id: 89, name: 'SQLi' },
            finding_category: { name: 'SQL Injection' },
            file_path: 'a/B.java',
            file_line_number: 9,
          },
        },
        { scan_type: 'STATIC', finding_status: { status: 'CLOSED' }, finding_details: { severity: 4 } },
      ],
    },
  });
  const findings = await parse(json);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].title, 'SQL Injection');
  assert.equal(findings[0].occurrences, 2);
  assert.deepEqual(veracodeParser.dedup, {
    algorithm: 'unique_id_from_tool_or_hash_code',
    hashFields: ['title', 'cwe', 'line', 'filePath', 'description'],
  });
});

test('veracode: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('<detailedreport><severity>'), ParseError);
  await assert.rejects(() => parse('<summaryreport/>'), /missing detailedreport/);
  await assert.rejects(() => parse('{"page": {}}'), /missing findings array/);
});
