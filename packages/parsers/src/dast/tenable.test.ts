import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { parserForScanType } from '../registry.ts';
import { tenableParser } from './tenable.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/tenable/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await tenableParser.parse(Buffer.from(input), { scanType: 'Tenable Scan' })).findings;

test('nessus xml: severity 0 kept as Info, items merged on severity + pluginName across hosts', async () => {
  const findings = await parse(fixture('scan.nessus'));
  assert.equal(findings.length, 4);
  const byTitle = new Map(findings.map((f) => [f.title, f]));
  const info = byTitle.get('Nessus Scan Information')!;
  assert.equal(info.severity, 'Info');
  assert.equal(info.occurrences, 2);
  // svc_name "general" is no URL scheme, so the item's transport protocol is used (as DefectDojo does)
  assert.deepEqual(info.endpoints, [
    { host: 'web01.example.com', protocol: 'tcp', url: 'tcp://web01.example.com' },
    { host: '192.0.2.11', protocol: 'tcp', url: 'tcp://192.0.2.11' },
  ]);
  const ssl = byTitle.get('SSL Certificate Cannot Be Trusted')!;
  assert.equal(ssl.severity, 'Medium');
  assert.equal(ssl.occurrences, 2);
  assert.deepEqual(ssl.endpoints, [
    { host: 'web01.example.com', protocol: 'http', port: 443, url: 'http://web01.example.com:443' },
    { host: '192.0.2.11', protocol: 'https', port: 8443, url: 'https://192.0.2.11:8443' },
  ]);
  assert.match(
    ssl.description ?? '',
    new RegExp(
      /^The SSL certificate for this service cannot be trusted\.\n\nPlugin Output: 192\.0\.2\.10:443\n```/.source +
        /[\s\S]*Plugin Output: 192\.0\.2\.11:8443/.source,
    ),
  );
  assert.equal(ssl.cvssv3, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N');
  assert.equal(ssl.cvssv3Score, 6.5);
  assert.match(ssl.impact ?? '', /cannot be trusted\.\n\nCVSS Vector: CVSS2#/);
  assert.equal(ssl.references, 'https://www.itu.int/rec/T-REC-X.509/en\nhttps://en.wikipedia.org/wiki/X.509');
  const ssh = byTitle.get('SSH Terrapin Prefix Truncation Weakness (CVE-2023-48795)')!;
  assert.equal(ssh.severity, 'High');
  assert.equal(ssh.cwe, 354);
  assert.deepEqual(ssh.vulnerabilityIds, ['CVE-2023-48795']);
  assert.equal(ssh.vulnIdFromTool, '187315');
  assert.deepEqual(ssh.endpoints?.[0], {
    host: 'web01.example.com',
    protocol: 'ssh',
    port: 22,
    url: 'ssh://web01.example.com',
  });
  const snmp = byTitle.get('SNMP Agent Default Community Name (public)')!;
  assert.equal(snmp.severity, 'Critical');
  assert.deepEqual(snmp.endpoints?.[0], {
    host: '192.0.2.11',
    protocol: 'snmp',
    port: 161,
    url: 'snmp://192.0.2.11:161',
  });
});

test('tenable csv: rows merged on severity + title + host + port + synopsis', async () => {
  const findings = await parse(fixture('export.csv'));
  assert.equal(findings.length, 4);
  const [info, openssl, openssl2, ms17] = findings;
  assert.equal(info.severity, 'Info', 'Risk "None" → Info');
  assert.equal(openssl.title, 'OpenSSL 1.1.1 < 1.1.1i Vulnerability');
  assert.equal(openssl.occurrences, 2);
  assert.match(openssl.description ?? '', /Reported version : 1\.1\.1g\n\nFixed version : 1\.1\.1i$/);
  assert.deepEqual(openssl.vulnerabilityIds, ['CVE-2020-1971']);
  assert.equal(openssl.cvssv3, 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H');
  assert.equal(openssl.cvssv3Score, 5.9);
  assert.deepEqual(openssl.endpoints?.[0], {
    host: '192.0.2.10',
    protocol: 'tcp',
    port: 443,
    url: 'tcp://192.0.2.10:443',
  });
  assert.equal(openssl2.endpoints?.[0].port, 8443);
  assert.equal(ms17.severity, 'Critical');
  assert.deepEqual(ms17.vulnerabilityIds, ['CVE-2017-0143', 'CVE-2017-0144']);
  const semi = await parse(fixture('export-semicolon.csv'));
  assert.equal(semi.length, 1);
  assert.equal(semi[0].title, 'Nessus SYN scanner');
});

test('tenable: empty reports, both scan-type names, dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.nessus')), []);
  assert.deepEqual(await parse('Plugin ID,Risk,Host,Port,Name\n'), []);
  assert.equal(parserForScanType('Nessus Scan')?.id, 'tenable');
  assert.equal(parserForScanType('Tenable Scan')?.id, 'tenable');
  assert.deepEqual(tenableParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'severity', 'vulnerabilityIds', 'cwe', 'description'],
  });
});

test('tenable: bad input throws ParseError', async () => {
  await assert.rejects(() => parse(fixture('scan.nessus').toString().slice(0, 1500)), ParseError);
  await assert.rejects(() => parse('<NessusClientData/>'), /root element must be <NessusClientData_v2>/);
  await assert.rejects(
    () =>
      parse(
        '<NessusClientData_v2><Report><ReportHost name="h"><ReportItem ' +
          'port="1"/></ReportHost></Report></NessusClientData_v2>',
      ),
    /lacks pluginName/,
  );
  await assert.rejects(() => parse('host,port\na,1\n'), /missing 'Name', 'Plugin Name' or 'asset.name'/);
  await assert.rejects(() => parse('Name,Risk\n"unterminated,High\n'), ParseError);
  await assert.rejects(
    () =>
      parse(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM ' +
          '"file:///etc/passwd">]><NessusClientData_v2>&e;</NessusClientData_v2>',
      ),
    ParseError,
  );
  await assert.rejects(() => parse('   '), ParseError);
});
