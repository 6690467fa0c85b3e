import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../parser.ts';
import { trivyParser } from './trivy.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/trivy/${name}`, import.meta.url));
const parse = async (input: Buffer | string) =>
  (await trivyParser.parse(Buffer.from(input), { scanType: 'Trivy Scan' })).findings;

test('trivy SchemaVersion 2: vulnerabilities, misconfigurations and secrets', async () => {
  const findings = await parse(fixture('schema2.json'));
  assert.equal(findings.length, 6, 'the vulnerability without PkgName is skipped');
  const glibc = findings[0];
  assert.equal(glibc.title, 'CVE-2023-4911 libc6 2.36-9+deb12u1');
  assert.equal(glibc.severity, 'High');
  assert.equal(glibc.cwe, 787);
  assert.deepEqual(glibc.vulnerabilityIds, ['CVE-2023-4911']);
  assert.equal(glibc.componentName, 'libc6');
  assert.equal(glibc.componentVersion, '2.36-9+deb12u1');
  assert.equal(glibc.mitigation, '2.36-9+deb12u3');
  assert.equal(glibc.cvssv3, 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H');
  assert.equal(glibc.cvssv3Score, 7.8);
  assert.equal(glibc.filePath, 'registry.example.com/shop/api:1.4.2 (debian 12.4)');
  assert.match(glibc.description ?? '', /\*\*Fixed version:\*\* 2\.36-9\+deb12u3/);
  assert.equal(glibc.verified, true);

  assert.equal(findings[1].severity, 'Low');
  const bash = findings[2];
  assert.equal(bash.severity, 'Info');
  assert.equal(bash.active, false, 'not_affected status is inactive');
  assert.equal(bash.mitigated, true);

  const lodash = findings[3];
  assert.equal(lodash.severity, 'High', 'severity follows the ghsa V3Score');
  assert.equal(lodash.filePath, 'app/node_modules/lodash.set/package.json');
  assert.equal(lodash.purl, 'pkg:npm/lodash.set@4.3.2');

  const misconfig = findings[4];
  assert.equal(misconfig.title, "DS002 - Image user should not be 'root'");
  assert.equal(misconfig.severity, 'High');
  assert.equal(
    misconfig.references,
    'https://avd.aquasec.com/misconfig/ds002\nhttps://docs.docker.com/develop/develop-images/' +
      'dockerfile_best-practices/',
  );

  const secret = findings[5];
  assert.equal(secret.title, 'Secret detected in /app/config/.env - AWS Access Key ID');
  assert.equal(secret.severity, 'Critical');
  assert.equal(secret.line, 3);
});

test('trivy legacy list format and null vulnerabilities', async () => {
  const findings = await parse(fixture('legacy.json'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0].title, 'CVE-2021-36159 apk-tools 2.10.6-r0');
  assert.equal(findings[1].cwe, 120);
  assert.equal(findings[0].severity, 'Critical');
});

test('trivy Kubernetes report names the resource as service', async () => {
  const findings = await parse(fixture('k8s.json'));
  assert.equal(findings.length, 3);
  assert.equal(findings[0].service, 'default / Deployment / web');
  assert.match(findings[1].description ?? '', /132\t {6}- image: nginx/);
  assert.equal(findings[2].service, 'ClusterRole / admin');
  assert.equal(findings[2].severity, 'Critical');
});

test('trivy zero findings and null report', async () => {
  assert.deepEqual(await parse(fixture('no-findings.json')), []);
  assert.deepEqual(await parse('null'), []);
});

test('trivy dedup follows DefectDojo', () => {
  assert.deepEqual(trivyParser.dedup, {
    algorithm: 'hash_code',
    hashFields: ['title', 'severity', 'vulnerabilityIds', 'cwe', 'description'],
  });
});

test('trivy bad input throws ParseError', async () => {
  await assert.rejects(
    parse('{"SchemaVersion": 2, "Results": ['),
    (e) => e instanceof ParseError && e.position?.line === 1,
  );
  await assert.rejects(parse('{"foo": 1}'), (e) => e instanceof ParseError && /Not a Trivy report/.test(e.message));
  await assert.rejects(
    parse('{"SchemaVersion": 2, "Results": {}}'),
    (e) => e instanceof ParseError && e.position?.path === 'Results',
  );
  await assert.rejects(parse('42'), ParseError);
  await assert.rejects(parse(''), ParseError);
});

test('trivy older Kubernetes report (Vulnerabilities/Misconfigurations per resource)', async () => {
  const report = {
    ClusterName: 'prod',
    Vulnerabilities: [
      {
        Namespace: 'shop',
        Kind: 'Deployment',
        Name: 'api',
        Results: [
          {
            Target: 'api:1.0 (alpine 3.18)',
            Class: 'os-pkgs',
            Type: 'alpine',
            Vulnerabilities: [
              { VulnerabilityID: 'CVE-2023-5363', PkgName: 'libssl3', InstalledVersion: '3.1.2-r0', Severity: 'HIGH' },
            ],
          },
        ],
      },
    ],
    Misconfigurations: [{ Namespace: 'shop', Kind: 'Deployment', Name: 'api', Results: [] }],
  };
  const findings = await parse(JSON.stringify(report));
  assert.equal(findings.length, 1);
  assert.equal(findings[0].service, 'shop / Deployment / api');
  assert.equal(findings[0].title, 'CVE-2023-5363 libssl3 3.1.2-r0');
});
