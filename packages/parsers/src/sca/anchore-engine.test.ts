import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { anchoreEngineParser } from './anchore-engine.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/anchore-engine/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await anchoreEngineParser.parse(Buffer.from(input), { scanType: 'Anchore Engine Scan' })).findings;

test('anchore engine: vulnerabilities deduplicated on image/feed/package/vuln', async () => {
  const findings = await parse(fixture('vulns.json'));
  assert.equal(findings.length, 3);
  const [ssl, login, jackson] = findings;
  assert.equal(ssl.title, 'CVE-2021-23840 - libssl1.1-1.1.1d-0+deb10u3(dpkg)');
  assert.equal(ssl.severity, 'High');
  assert.equal(ssl.cvssv3Score, 7.5);
  assert.equal(ssl.componentName, 'libssl1.1');
  assert.equal(ssl.componentVersion, '1.1.1d-0+deb10u3');
  assert.equal(ssl.filePath, 'pkgdb');
  assert.deepEqual(ssl.vulnerabilityIds, ['CVE-2021-23840']);
  assert.equal(
    ssl.mitigation,
    'Upgrade to libssl1.1 1.1.1d-0+deb10u6\nURL: https://security-tracker.debian.org/tracker/CVE-2021-23840\n',
  );
  assert.equal(login.severity, 'Info');
  assert.equal(jackson.cvssv3Score, 9.8, 'the -1 vendor score is skipped');
  assert.equal(jackson.severity, 'Critical');
});

test('anchore engine: empty report and dedup', async () => {
  assert.deepEqual(await parse(fixture('no-vulns.json')), []);
  assert.deepEqual(anchoreEngineParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'severity', 'componentName', 'componentVersion', 'filePath'],
  });
});

test('anchore engine: bad input throws ParseError', async () => {
  await assert.rejects(parse('{"vulnerabilities": ['), ParseError);
  await assert.rejects(
    parse('{"matches": []}'),
    (e) => e instanceof ParseError && /missing "vulnerabilities"/.test(e.message),
  );
  await assert.rejects(
    parse('{"vulnerabilities": [ {"feed": "x"} ]}'),
    (e) => e instanceof ParseError && e.position?.path === 'vulnerabilities[0]',
  );
});
