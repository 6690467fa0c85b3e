import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { genericParser } from './generic.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/generic/${name}`, import.meta.url));
const parse = async (input: Buffer | string, filename?: string) =>
  genericParser.parse(Buffer.from(input), { scanType: 'Generic Findings Import', filename });

test('generic json findings', async () => {
  const { findings, toolName } = await parse(fixture('findings.json'), 'findings.json');
  assert.equal(toolName, 'Pentest import');
  assert.equal(findings.length, 2);
  const [jquery, tls] = findings;
  assert.equal(jquery.title, 'Outdated jQuery');
  assert.equal(jquery.severity, 'Medium');
  assert.equal(jquery.cwe, 79);
  assert.deepEqual(jquery.vulnerabilityIds, ['CVE-2012-6708', 'GHSA-2pqj-h3vj-pqgw']);
  assert.equal(jquery.date, '2024-02-03');
  assert.equal(jquery.line, 1);
  assert.deepEqual(jquery.tags, ['frontend', 'sca']);
  assert.deepEqual(jquery.endpoints, [
    {
      url: 'https://shop.example.com:8443/static/jquery.min.js',
      protocol: 'https',
      host: 'shop.example.com',
      port: 8443,
      path: 'static/jquery.min.js',
    },
    { host: 'admin.example.com' },
    { protocol: 'http', host: 'legacy.example.com', port: 8080, path: 'app' },
  ]);
  assert.equal(tls.falsePositive, true);
  assert.equal(tls.uniqueIdFromTool, 'tls-001');
});

test('generic csv: rows with same severity, title and description merge', async () => {
  const { findings } = await parse(fixture('findings.csv'), 'findings.csv');
  assert.equal(findings.length, 3);
  const [cookie, sqli, banner] = findings;
  assert.equal(cookie.occurrences, 2);
  assert.equal(cookie.endpoints?.length, 2);
  assert.equal(cookie.cwe, 1004);
  assert.equal(cookie.date, '2024-01-15');
  assert.equal(cookie.active, true);
  assert.equal(cookie.verified, false);
  assert.equal(sqli.severity, 'Critical');
  assert.deepEqual(sqli.endpoints, [{ host: 'shop.example.com', path: 'search' }]);
  assert.equal(banner.severity, 'Info', 'unknown severity words become Info');
  assert.equal(banner.falsePositive, true);
});

test('generic: empty findings and dedup', async () => {
  assert.deepEqual((await parse(fixture('empty.json'))).findings, []);
  assert.deepEqual(genericParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'cwe', 'line', 'filePath', 'description'],
  });
});

test('generic: bad input throws ParseError', async () => {
  await assert.rejects(parse('{"findings": [', 'x.json'), ParseError);
  await assert.rejects(
    parse('{"results": []}'),
    (e) => e instanceof ParseError && /missing "findings"/.test(e.message),
  );
  await assert.rejects(
    parse('{"findings": [ {"title": "x"} ]}'),
    (e) => e instanceof ParseError && /description, severity/.test(e.message) && e.position?.path === 'findings[0]',
  );
  await assert.rejects(parse('Name,Value\na,b\n', 'x.csv'), (e) => e instanceof ParseError && /Title/.test(e.message));
  await assert.rejects(
    parse('Date,Title,Severity,Description\nnot-a-date,x,Low,y\n', 'x.csv'),
    (e) => e instanceof ParseError && e.position?.line === 2,
  );
  await assert.rejects(parse('Title,Description\n"unterminated,x\n', 'x.csv'), ParseError);
});
