import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { npmAudit7Parser } from './npm-audit-7.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/npm-audit-7/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await npmAudit7Parser.parse(Buffer.from(input), { scanType: 'NPM Audit v7+ Scan' })).findings;

test('npm audit v7: one finding per vulnerabilities key', async () => {
  const findings = await parse(fixture('audit.json'));
  assert.equal(findings.length, 4);
  const [minimist, mkdirp, semver, babel] = findings;
  assert.equal(minimist.title, 'Prototype Pollution in minimist');
  assert.equal(minimist.severity, 'Critical');
  assert.equal(minimist.cwe, 1321);
  assert.equal(minimist.vulnIdFromTool, '1085751');
  assert.equal(minimist.componentName, 'node_modules/minimist');
  assert.equal(minimist.cvssv3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  assert.equal(
    minimist.references,
    'https://github.com/advisories/GHSA-xvch-5gv4-984h, https://github.com/advisories/GHSA-vh95-rmgr-6w4m',
  );
  assert.equal(minimist.mitigation, 'Update mkdirp to version 0.5.6');
  assert.match(minimist.description ?? '', /\n {2}mkdirp 0\.4\.1 - 0\.5\.1\n/);
  assert.equal(mkdirp.title, 'mkdirp');
  assert.equal(mkdirp.cwe, 1035);
  assert.equal(mkdirp.vulnIdFromTool, undefined);
  assert.equal(semver.severity, 'Medium');
  assert.equal(semver.mitigation, 'No specific mitigation provided by tool.');
  assert.equal(babel.cwe, undefined);
  assert.equal(babel.cvssv3, undefined);
});

test('npm audit v7: same title and severity merge (the later one wins)', async () => {
  const doc = JSON.parse(fixture('audit.json').toString());
  doc.vulnerabilities['minimist-copy'] = {
    ...doc.vulnerabilities.minimist,
    nodes: ['node_modules/a/node_modules/minimist'],
  };
  const findings = await parse(JSON.stringify(doc));
  assert.equal(findings.length, 4);
  assert.equal(findings[0].componentName, 'node_modules/a/node_modules/minimist');
});

test('npm audit v7: fix --dry-run wrapper, empty report, dedup', async () => {
  const wrapped = JSON.stringify({ added: 0, audit: JSON.parse(fixture('audit.json').toString()) });
  assert.equal((await parse(wrapped)).length, 4);
  assert.deepEqual(await parse(fixture('no-vulns.json')), []);
  assert.deepEqual(npmAudit7Parser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'severity', 'cwe', 'vulnIdFromTool'],
  });
});

test('npm audit v7: bad input throws ParseError', async () => {
  await assert.rejects(parse('{"auditReportVersion": 2, "vulnerabilities": {'), ParseError);
  await assert.rejects(
    parse('{"advisories": {}, "metadata": {}}'),
    (e) => e instanceof ParseError && /npm 6/.test(e.message),
  );
  await assert.rejects(
    parse('{"auditReportVersion": 2, "vulnerabilities": []}'),
    (e) => e instanceof ParseError && e.position?.path === 'vulnerabilities',
  );
  await assert.rejects(parse('[]'), ParseError);
});
