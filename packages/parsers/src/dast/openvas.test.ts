import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError, type Parser } from '../parser.ts';
import { openvasParser, openvasV2Parser } from './openvas.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/openvas/${name}`, import.meta.url));
const parse = async (input: Buffer | string, parser: Parser = openvasParser) =>
  (await parser.parse(Buffer.from(input), { scanType: parser.scanTypes[0] })).findings;

test('openvas v1 xml: one finding per result, title name_host_port, severity from threat', async () => {
  const findings = await parse(fixture('report.xml'));
  assert.equal(findings.length, 4);
  const [weak, weak2, os, ssh] = findings;
  assert.equal(weak.title, 'SSL/TLS: Report Weak Cipher Suites_192.0.2.10_443/tcp');
  assert.equal(weak2.title, weak.title);
  assert.equal(weak.severity, 'Medium');
  assert.equal(weak.vulnIdFromTool, '1.3.6.1.4.1.25623.1.0.103440');
  assert.deepEqual(weak.endpoints, [{ host: '192.0.2.10', protocol: 'tcp', port: 443, url: 'tcp://192.0.2.10:443' }]);
  assert.match(
    weak.description ?? '',
    /\*\*Threat\*\*: Medium\n\*\*QOD\*\*: 98[\s\S]*\*\*Description\*\*: 'Weak' cipher suites/,
  );
  assert.equal(os.severity, 'Info', 'threat "Log" is not a severity');
  assert.deepEqual(os.endpoints, [{ host: '192.0.2.11', protocol: 'tcp', url: 'tcp://192.0.2.11' }]);
  assert.equal(ssh.title, 'OpenSSH 8.9p1 < 9.6 Multiple Vulnerabilities_192.0.2.11_22/tcp');
  assert.equal(ssh.severity, 'High');
});

test('openvas v2 xml: identical results on one endpoint merge; refs, tags, cvss', async () => {
  const findings = await parse(fixture('report.xml'), openvasV2Parser);
  assert.equal(findings.length, 3);
  const [weak, os, ssh] = findings;
  assert.equal(weak.title, 'SSL/TLS: Report Weak Cipher Suites');
  assert.equal(weak.occurrences, 2);
  assert.deepEqual(weak.endpoints, [
    { host: 'web01.example.com', protocol: 'tcp', port: 443, url: 'tcp://web01.example.com:443' },
  ]);
  assert.deepEqual(weak.vulnerabilityIds, ['CVE-2013-2566', 'CVE-2015-2808']);
  assert.match(weak.references ?? '', /^- https:\/\/www\.bsi\.bund\.de.*\n- CB-K17\/1750$/);
  assert.equal(
    weak.mitigation,
    'The configuration of this services should be changed so that it does not accept the listed weak cipher suites ' +
      'anymore.',
  );
  assert.match(weak.description ?? '', /\*\*Summary\*\*: This routine reports[\s\S]*\*\*QoD\*\*: 98/);
  assert.match(weak.evidence ?? '', /TLSv1\.2[\s\S]*\*\*Endpoint\*\*: web01\.example\.com[\s\S]*TLSv1\.1/);
  assert.equal(weak.cvssv3Score, 5);
  assert.equal(os.severity, 'Info');
  assert.equal(ssh.severity, 'High');
  assert.equal(ssh.cvssv3, 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N');
  assert.equal(ssh.impact, 'Terrapin attack.');
});

test('openvas csv: v1 drops only identical rows, v2 merges like its xml reader', async () => {
  const v1 = await parse(fixture('report.csv'));
  assert.equal(v1.length, 3);
  assert.equal(v1[0].title, 'SSL/TLS: Report Weak Cipher Suites');
  assert.equal(v1[0].severity, 'Medium');
  assert.deepEqual(v1[0].vulnerabilityIds, ['CVE-2013-2566', 'CVE-2015-2808']);
  assert.match(v1[0].description ?? '', /\*\*All CVEs:\*\* CVE-2013-2566,CVE-2015-2808\n\*\*IP\*\*: 192\.0\.2\.10$/);
  assert.equal(v1[0].date, '2024-03-05');
  assert.deepEqual(v1[1].endpoints?.[0], { host: '192.0.2.11', protocol: 'tcp', port: 22, url: 'tcp://192.0.2.11:22' });
  assert.equal(v1[2].severity, 'Info');
  const v2 = await parse(fixture('report.csv'), openvasV2Parser);
  assert.equal(v2.length, 3);
  assert.equal(v2[0].occurrences, 2);
  assert.equal(v2[0].vulnIdFromTool, '1.3.6.1.4.1.25623.1.0.103440');
  assert.deepEqual(v2[2].endpoints, [{ host: '192.0.2.11' }]);
});

test('openvas: empty reports and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.xml')), []);
  assert.deepEqual(await parse(fixture('empty.xml'), openvasV2Parser), []);
  assert.deepEqual(await parse('IP,Hostname,NVT Name\n'), []);
  assert.equal(openvasParser.dedup.algorithm, 'legacy');
  assert.deepEqual(openvasV2Parser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'severity', 'vulnIdFromTool', 'endpoints'],
  });
});

test('openvas: bad input throws ParseError', async () => {
  for (const parser of [openvasParser, openvasV2Parser]) {
    await assert.rejects(() => parse(fixture('report.xml').toString().slice(0, 1200), parser), ParseError);
    await assert.rejects(() => parse('<issues/>', parser), /root element must be <report>/);
    await assert.rejects(() => parse('IP,Port\n1.2.3.4,80\n', parser), /missing the "NVT Name" column/);
    await assert.rejects(
      () => parse('<!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/shadow">]><report>&x;</report>', parser),
      ParseError,
    );
    await assert.rejects(() => parse('', parser), ParseError);
  }
});
