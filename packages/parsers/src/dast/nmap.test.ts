import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { nmapParser } from './nmap.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/nmap/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await nmapParser.parse(Buffer.from(input), { scanType: 'Nmap Scan' })).findings;

test('nmap: open ports merged on port number, vulners findings merged on id', async () => {
  const result = await nmapParser.parse(fixture('scan.xml'), { scanType: 'Nmap Scan' });
  assert.equal(result.scanDate, '2024-03-05');
  const byTitle = new Map(result.findings.map((f) => [f.title, f]));
  assert.deepEqual([...byTitle.keys()].sort(), [
    'B8190CDB-3EB9-5631-9828-8064A1575B23',
    'CVE-2023-38408',
    'CVE-2023-48795',
    'Open port: 161/udp',
    'Open port: 22/tcp',
    'Open port: 80/tcp',
  ]);
  const ssh = byTitle.get('Open port: 22/tcp')!;
  assert.equal(ssh.severity, 'Info');
  assert.equal(ssh.occurrences, 2);
  assert.deepEqual(ssh.endpoints, [
    { host: 'web01.example.com', protocol: 'tcp', port: 22, url: 'tcp://web01.example.com:22' },
    { host: '192.0.2.11', protocol: 'tcp', port: 22, url: 'tcp://192.0.2.11:22' },
  ]);
  assert.match(
    ssh.description ?? '',
    new RegExp(
      /\*\*FQDN:\*\* web01\.example\.com[\s\S]*\*\*Host OS:\*\* Linux 5\.0 - 5\.14\n/.source +
        /\*\*Accuracy:\*\* 95%[\s\S]*\*\*Product:\*\* OpenSSH/.source,
    ),
  );
  const terrapin = byTitle.get('CVE-2023-48795')!;
  assert.equal(terrapin.severity, 'Medium');
  assert.equal(terrapin.occurrences, 2);
  assert.deepEqual(terrapin.vulnerabilityIds, ['CVE-2023-48795']);
  assert.equal(terrapin.componentName, 'openssh');
  assert.equal(terrapin.componentVersion, '8.9p1');
  assert.equal(byTitle.get('CVE-2023-38408')!.severity, 'Critical');
  assert.equal(byTitle.get('B8190CDB-3EB9-5631-9828-8064A1575B23')!.vulnerabilityIds, undefined);
  assert.equal(byTitle.has('Open port: 443/tcp'), false, 'filtered ports are skipped');
});

test('nmap: no open ports and dedup config', async () => {
  assert.deepEqual(await parse(fixture('no-open-ports.xml')), []);
  assert.deepEqual(await parse('<nmaprun/>'), []);
  assert.equal(nmapParser.dedup.algorithm, 'legacy');
});

test('nmap: bad input throws ParseError', async () => {
  await assert.rejects(() => parse(fixture('scan.xml').toString().slice(0, 1400)), ParseError);
  await assert.rejects(() => parse('<OWASPZAPReport/>'), /root element must be <nmaprun>/);
  await assert.rejects(
    () =>
      parse(
        '<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><nmaprun>&xxe;</nmaprun>',
      ),
    /declares entities/,
  );
  await assert.rejects(
    () => parse('<!DOCTYPE nmaprun SYSTEM "http://attacker.example/x.dtd"><nmaprun/>'),
    /external DTD/,
  );
  await assert.rejects(() => parse(''), ParseError);
});
