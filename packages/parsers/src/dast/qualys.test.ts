import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { qualysParser } from './qualys.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/qualys/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await qualysParser.parse(Buffer.from(input), { scanType: 'Qualys Scan' })).findings;

test('qualys asset data report: one finding per VULN_INFO, glossary details, 1-5 severity', async () => {
  const findings = await parse(fixture('asset-data-report.xml'));
  assert.equal(findings.length, 4);
  const [cert, cert2, ssh, dns] = findings;
  assert.equal(cert.title, 'QID-38170 | SSL Certificate - Self-Signed Certificate');
  assert.equal(cert.severity, 'Low');
  assert.equal(cert.cvssv3Score, 6.5);
  assert.equal(cert.date, '2024-03-05');
  assert.equal(cert.active, true);
  assert.deepEqual(cert.endpoints, [{ host: 'web01.example.com' }]);
  assert.match(
    cert.description ?? '',
    new RegExp(
      /self-signed\.\n\nCategory: General remote services\n\nQID: qid_38170\n\n/.source +
        /Port: 443\n\nResult Evidence: Certificate #0/.source,
    ),
  );
  assert.equal(cert2.active, false);
  assert.equal(cert2.mitigated, true);
  assert.equal(ssh.severity, 'High');
  assert.deepEqual(ssh.vulnerabilityIds, ['CVE-2023-48795']);
  assert.equal(ssh.references, 'https://nvd.nist.gov/vuln/detail/CVE-2023-48795');
  assert.equal(ssh.cvssv3Score, 5.9);
  assert.deepEqual(ssh.endpoints, [{ host: '192.0.2.11' }]);
  assert.equal(dns.severity, 'Info');
});

test('qualys scan xml: vulns and practices per IP/CAT', async () => {
  const findings = await parse(fixture('scan.xml'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'QID-74042 | OpenSMTPD Remote Code Execution Vulnerability');
  assert.equal(findings[0].severity, 'Medium');
  assert.deepEqual(findings[0].vulnerabilityIds, ['CVE-2020-7247']);
  assert.deepEqual(findings[0].endpoints?.[0], {
    host: 'mail.example.com',
    protocol: 'tcp',
    port: 25,
    url: 'tcp://mail.example.com:25',
  });
  assert.equal(findings[1].severity, 'Low');
});

test('qualys csv: rows merged per QID', async () => {
  const findings = await parse(fixture('report.csv'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].occurrences, 2);
  assert.deepEqual(findings[0].endpoints, [{ host: 'web01.example.com' }, { host: '192.0.2.11' }]);
  assert.equal(findings[1].severity, 'High');
  assert.deepEqual(findings[1].vulnerabilityIds, ['CVE-2023-48795', 'CVE-2023-51385']);
});

test('qualys: empty reports and dedup config', async () => {
  assert.deepEqual(await parse('<ASSET_DATA_REPORT><HOST_LIST/></ASSET_DATA_REPORT>'), []);
  assert.deepEqual(await parse('<SCAN value="x"></SCAN>'), []);
  assert.deepEqual(await parse('IP,QID,Title,Severity\n'), []);
  assert.deepEqual(qualysParser.dedup, { algorithm: 'hash_code', hashFields: ['title', 'severity', 'endpoints'] });
});

test('qualys: bad input throws ParseError', async () => {
  await assert.rejects(() => parse(fixture('asset-data-report.xml').toString().slice(0, 700)), ParseError);
  await assert.rejects(() => parse('<NessusClientData_v2/>'), /root element must be <ASSET_DATA_REPORT> or <SCAN>/);
  await assert.rejects(
    () =>
      parse(
        '<ASSET_DATA_REPORT><HOST_LIST><HOST><VULN_INFO_LIST><VULN_INFO><PORT>1</PORT></VULN_INFO></VULN_INFO_LIST></' +
          'HOST></HOST_LIST></ASSET_DATA_REPORT>',
      ),
    /has no QID id/,
  );
  await assert.rejects(() => parse('IP,Title\n1.2.3.4,Something\n'), /has no QID/);
  await assert.rejects(
    () => parse('<!DOCTYPE SCAN [<!ENTITY x SYSTEM "file:///etc/passwd">]><SCAN>&x;</SCAN>'),
    ParseError,
  );
  await assert.rejects(() => parse(''), ParseError);
});
