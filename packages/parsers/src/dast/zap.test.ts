import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { zapParser } from './zap.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/zap/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await zapParser.parse(Buffer.from(input), { scanType: 'ZAP Scan' })).findings;

test('zap xml: one finding per alertitem across sites, riskcode severity, cwe, endpoints', async () => {
  const result = await zapParser.parse(fixture('report.xml'), { scanType: 'ZAP Scan' });
  const findings = result.findings;
  assert.equal(findings.length, 4);
  assert.equal(result.scanDate, '2024-03-05');
  const [xss, csp, server, comments] = findings;
  assert.equal(xss.title, 'Cross Site Scripting (Reflected)');
  assert.equal(xss.severity, 'High');
  assert.equal(xss.cwe, 79);
  assert.equal(xss.vulnIdFromTool, '40012');
  assert.match(xss.description ?? '', /^Cross-site Scripting \(XSS\) is an attack technique .* user's browser/);
  assert.match(xss.mitigation ?? '', /Phase: Architecture and Design\n\nUse a vetted library/);
  assert.match(
    xss.references ?? '',
    /owasp\.org\/www-community\/attacks\/xss\/\n\nhttps:\/\/cwe\.mitre\.org.*\nWASC-8$/,
  );
  // query strings dropped: the two /search instances collapse into one endpoint
  assert.deepEqual(xss.endpoints, [
    { host: 'shop.example.com', protocol: 'https', port: 443, path: 'search', url: 'https://shop.example.com/search' },
    {
      host: 'shop.example.com',
      protocol: 'https',
      port: 443,
      path: 'account/profile',
      url: 'https://shop.example.com/account/profile',
    },
  ]);
  assert.match(xss.evidence ?? '', /<scrIpt>alert\(1\);/);
  assert.equal(csp.severity, 'Medium');
  assert.equal(csp.endpoints?.[0].url, 'https://shop.example.com/');
  assert.equal(server.title, 'Server Leaks Version Information via "Server" HTTP Response Header Field');
  assert.equal(server.severity, 'Low');
  assert.deepEqual(server.endpoints?.[0], {
    host: 'api.example.com',
    protocol: 'http',
    port: 8080,
    path: 'v1/health',
    url: 'http://api.example.com:8080/v1/health',
  });
  assert.equal(comments.severity, 'Info');
  assert.equal(comments.cwe, undefined, 'cweid -1 is not a CWE');
  assert.match(comments.description ?? '', /Other info:.*TODO/);
});

test('zap json (traditional-json) is read under the same scan type', async () => {
  const findings = await parse(fixture('report.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'Absence of Anti-CSRF Tokens');
  assert.equal(findings[0].severity, 'Medium');
  assert.equal(findings[0].cwe, 352);
  assert.deepEqual(
    findings[0].endpoints?.map((e) => e.url),
    ['https://shop.example.com/login', 'https://shop.example.com/register'],
  );
  assert.equal(findings[1].severity, 'Low');
});

test('zap: empty report and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.xml')), []);
  assert.deepEqual(
    await parse('<?xml version="1.0"?><OWASPZAPReport version="2.14.0" generated=""></OWASPZAPReport>'),
    [],
  );
  assert.deepEqual(await parse('{"@version":"2.14.0","site":[]}'), []);
  assert.deepEqual(zapParser.dedup, { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'severity'] });
  assert.ok(zapParser.scanTypes.includes('ZAP Scan'));
});

test('zap: bad input throws ParseError', async () => {
  const truncated = fixture('report.xml').toString().slice(0, 900);
  await assert.rejects(() => parse(truncated), ParseError);
  await assert.rejects(() => parse('<issues><issue/></issues>'), /Not a ZAP XML report/);
  await assert.rejects(() => parse('{"issues": []}'), /Not a ZAP JSON report/);
  await assert.rejects(() => parse('{"site": [{"alerts": ['), ParseError);
  await assert.rejects(() => parse('{"site": [{"alerts": [{"riskcode": "2"}]}]}'), /has no <alert> name/);
  await assert.rejects(() => parse('{"site": [3]}'), /site\[0\] is not an object/);
  await assert.rejects(() => parse('hello'), /expected an XML or JSON document/);
  await assert.rejects(() => parse(''), ParseError);
  const xxe =
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><OWASPZAPReport>&x;</OWASPZAPReport>';
  await assert.rejects(() => parse(xxe), ParseError);
});
