import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { niktoParser } from './nikto.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/nikto/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await niktoParser.parse(Buffer.from(input), { scanType: 'Nikto Scan' })).findings;

test('nikto json: merged on severity + msg, OSVDB link makes Medium', async () => {
  const findings = await parse(fixture('report.json'));
  assert.equal(findings.length, 4);
  const [hsts, xcto, admin, backup] = findings;
  assert.equal(hsts.severity, 'Info');
  assert.deepEqual(hsts.endpoints, [{ host: 'shop.example.com', port: 443 }]);
  assert.equal(xcto.occurrences, 2);
  assert.equal(xcto.vulnIdFromTool, undefined, 'aggregated findings lose their ids');
  assert.deepEqual(
    xcto.endpoints?.map((e) => e.path),
    [undefined, 'static/'],
  );
  assert.equal(admin.severity, 'Medium');
  assert.equal(admin.uniqueIdFromTool, 'OSVDB-3092');
  assert.equal(backup.severity, 'Info', 'OSVDB "0" is no link');
  const list = await parse(`[${fixture('report.json').toString()}]`);
  assert.equal(list.length, 4, 'newer Nikto writes a list of host objects');
});

test('nikto xml (nxmlversion 1.2, external DTD line): merged on identical host + description + method', async () => {
  const findings = await parse(fixture('report.xml'));
  assert.equal(findings.length, 3);
  const [xfo, readme, methods] = findings;
  assert.equal(xfo.title, 'The anti-clickjacking X-Frame-Options header is not present.');
  assert.equal(xfo.occurrences, 2);
  assert.deepEqual(xfo.endpoints?.[0], { host: '192.0.2.20', protocol: 'http', port: 80, url: 'http://192.0.2.20/' });
  assert.equal(readme.title, '/icons/README: Apache default file found.');
  assert.equal(readme.severity, 'Medium');
  assert.equal(readme.endpoints?.[0].path, 'icons/README');
  assert.equal(methods.vulnIdFromTool, '999990');
  const old = fixture('report.xml')
    .toString()
    .replace(/<niktoscan[^>]*>\n(<niktoscan)/, '$1')
    .replace('</niktoscan>\n</niktoscan>', '</niktoscan>');
  assert.equal((await parse(old)).length, 3, 'old format: scandetails directly under the root');
});

test('nikto: empty reports and dedup config', async () => {
  assert.deepEqual(await parse('{"host":"h","port":"80","vulnerabilities":[]}'), []);
  assert.deepEqual(await parse('<niktoscan><niktoscan><scandetails targetip="1.2.3.4"/></niktoscan></niktoscan>'), []);
  assert.equal(niktoParser.dedup.algorithm, 'legacy');
});

test('nikto: bad input throws ParseError', async () => {
  await assert.rejects(() => parse('{"host":"h","vulnerabilities":[{"id":1'), ParseError);
  await assert.rejects(() => parse('{"results":[]}'), /Not a Nikto JSON report/);
  await assert.rejects(() => parse('{"host":"h","vulnerabilities":[{"id":"1"}]}'), /has no "msg"/);
  await assert.rejects(() => parse(fixture('report.xml').toString().slice(0, 900)), ParseError);
  await assert.rejects(() => parse('<issues/>'), /root element must be <niktoscan>/);
  await assert.rejects(
    () =>
      parse('<!DOCTYPE niktoscan SYSTEM "x.dtd" [<!ENTITY x SYSTEM "file:///etc/passwd">]><niktoscan>&x;</niktoscan>'),
    /declares entities/,
  );
  await assert.rejects(() => parse('nope'), ParseError);
});
