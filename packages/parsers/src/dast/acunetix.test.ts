import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { parserForScanType } from '../registry.ts';
import { acunetixParser } from './acunetix.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/acunetix/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await acunetixParser.parse(Buffer.from(input), { scanType: 'Acunetix Scan' })).findings;

test('acunetix xml: items merged on name + impact + recommendation', async () => {
  const findings = await parse(fixture('report.xml'));
  assert.equal(findings.length, 3);
  const [sqli, cookie, csp] = findings;
  assert.equal(sqli.title, 'SQL injection');
  assert.equal(sqli.severity, 'High');
  assert.equal(sqli.cwe, 89);
  assert.equal(sqli.occurrences, 2);
  assert.equal(sqli.date, '2024-05-03');
  assert.equal(sqli.cvssv3, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N');
  assert.equal(sqli.falsePositive, undefined, 'IsFalsePositive "False" is not a false positive');
  assert.equal(sqli.dynamicFinding, true);
  assert.match(
    sqli.description ?? '',
    new RegExp(
      /^SQL injection \(SQLi\) refers[\s\S]*\*\*Details:\*\*\nURL encoded GET input id/.source +
        /[\s\S]*-----\n\n\*\*Details:\*\*\nURL encoded POST input email/.source,
    ),
  );
  assert.deepEqual(
    sqli.endpoints?.map((e) => e.url),
    ['https://shop.example.com/product.php', 'https://shop.example.com/login.php'],
  );
  assert.match(sqli.references ?? '', /^ \* \[SQL Injection \(SQLi\) - Acunetix\]\(https:\/\/www\.acunetix\.com/);
  assert.equal(cookie.severity, 'Low');
  assert.equal(csp.severity, 'Info');
  assert.equal(csp.staticFinding, true);
});

test('acunetix 360 json: vulnerabilities merged on name, states mapped', async () => {
  const findings = await parse(fixture('acunetix360.json'));
  assert.equal(findings.length, 2);
  const [xss, xfo] = findings;
  assert.equal(xss.severity, 'High');
  assert.equal(xss.cwe, 79);
  assert.equal(xss.occurrences, 2);
  assert.equal(xss.cvssv3, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N');
  assert.deepEqual(
    xss.endpoints?.map((e) => e.path),
    ['search', 'comments'],
  );
  assert.match(
    xss.references ?? '',
    /^https:\/\/online\.acunetix360\.com\/issues\/detail\/5f1e6c2a.*\n\* \[OWASP XSS\]\(https:\/\/owasp\.org\/xss\)$/,
  );
  assert.equal(xfo.severity, 'Info', 'BestPractice is not a severity');
  assert.equal(xfo.riskAccepted, true);
  assert.equal(xfo.active, false);
});

test('acunetix: empty reports, scan-type names, dedup config', async () => {
  assert.deepEqual(
    await parse('<ScanGroup><Scan><StartURL>https://x.example</StartURL><ReportItems/></Scan></ScanGroup>'),
    [],
  );
  assert.deepEqual(await parse('{"Generated":"05/03/2024 10:30","Vulnerabilities":[]}'), []);
  assert.equal(parserForScanType('Acunetix360 Scan')?.id, 'acunetix');
  assert.deepEqual(acunetixParser.dedup, { algorithm: 'hash_code', hashFields: ['title', 'description'] });
});

test('acunetix: bad input throws ParseError', async () => {
  await assert.rejects(() => parse(fixture('report.xml').toString().slice(0, 1500)), ParseError);
  await assert.rejects(() => parse('<issues/>'), /root element must be <ScanGroup>/);
  await assert.rejects(() => parse('<ScanGroup><Scan><ReportItems/></Scan></ScanGroup>'), /has no <StartURL>/);
  await assert.rejects(() => parse('{"Vulnerabilities": {}}'), /missing "Vulnerabilities" array/);
  await assert.rejects(() => parse('{"Vulnerabilities": [{"Severity": "High"}]}'), /has no "Name"/);
  await assert.rejects(() => parse('{"Vulnerabilities": ['), ParseError);
  await assert.rejects(
    () => parse('<!DOCTYPE ScanGroup [<!ENTITY x SYSTEM "file:///etc/passwd">]><ScanGroup>&x;</ScanGroup>'),
    ParseError,
  );
});
