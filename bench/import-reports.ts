import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Generated scanner reports for the import benchmarks, written to disk piece by piece. */

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];
const LEVELS = ['error', 'warning', 'note'];
const WORDS = (
  'buffer overflow in the parser allows remote attackers to cause a denial of service or possibly execute ' +
  'arbitrary code via a crafted request that triggers an out of bounds read when handling'
).split(' ');

function prose(i: number, words: number): string {
  let out = '';
  for (let k = 0; k < words; k++) out += `${WORDS[(i * 7 + k * 13) % WORDS.length]} `;
  return out.trim();
}

/** One Trivy vulnerability as Trivy 0.5x writes it (~1.5 kB with its CVSS, references and dates). */
function trivyVulnerability(i: number): object {
  return {
    VulnerabilityID: `CVE-${2015 + (i % 10)}-${100000 + i}`,
    PkgID: `package-${i}@1.${i % 20}.0`,
    PkgName: `package-${i}`,
    PkgIdentifier: { PURL: `pkg:npm/package-${i}@1.${i % 20}.0`, UID: (i * 2654435761).toString(16) },
    InstalledVersion: `1.${i % 20}.0`,
    FixedVersion: `1.${(i % 20) + 1}.0`,
    Status: 'fixed',
    Layer: { DiffID: `sha256:${(i % 7).toString(16).padStart(64, 'a')}` },
    SeveritySource: 'ghsa',
    PrimaryURL: `https://avd.aquasec.com/nvd/cve-${2015 + (i % 10)}-${100000 + i}`,
    DataSource: {
      ID: 'ghsa',
      Name: 'GitHub Security Advisory npm',
      URL: 'https://github.com/advisories?query=type%3Areviewed+ecosystem%3Anpm',
    },
    Title: `package-${i}: ${prose(i, 8)}`,
    Description: prose(i, 90),
    Severity: SEVERITIES[i % 5],
    CweIDs: [`CWE-${20 + (i % 100)}`],
    VendorSeverity: { ghsa: 1 + (i % 4), nvd: 1 + (i % 4) },
    CVSS: {
      ghsa: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', V3Score: 9.8 },
      nvd: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', V3Score: 9.8 },
    },
    References: [
      `https://github.com/advisories/GHSA-${i}`,
      `https://nvd.nist.gov/vuln/detail/CVE-${2015 + (i % 10)}-${100000 + i}`,
      `https://example.com/package-${i}/security`,
    ],
    PublishedDate: '2024-03-01T15:15:07.000Z',
    LastModifiedDate: '2024-06-01T10:00:00.000Z',
  };
}

/** One SARIF result (~0.9 kB with a code flow step and a snippet). */
function sarifResult(i: number): object {
  const uri = `src/module${i % 1000}/file${i}.ts`;
  return {
    ruleId: `rule-${i % 200}`,
    level: LEVELS[i % 3],
    message: { text: `Problem ${i}: ${prose(i, 20)}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          region: {
            startLine: (i % 500) + 1,
            startColumn: 3,
            snippet: { text: `const value${i} = request.query[${i % 9}]; ${prose(i, 6)}` },
          },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: `fp${i.toString(16)}:1` },
    codeFlows: [
      {
        threadFlows: [
          {
            locations: [
              {
                location: {
                  physicalLocation: { artifactLocation: { uri }, region: { startLine: (i % 500) + 1 } },
                  message: { text: prose(i + 1, 6) },
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

function sarifRules(): object[] {
  return Array.from({ length: 200 }, (_, i) => ({
    id: `rule-${i}`,
    name: `Rule${i}`,
    shortDescription: { text: `Rule ${i} finds a problem` },
    fullDescription: { text: `A longer description of rule ${i}. ${prose(i, 30)}` },
    helpUri: `https://example.com/rules/${i}`,
    properties: {
      tags: ['security', `external/cwe/cwe-${79 + (i % 50)}`],
      'security-severity': String((i % 10) + 0.5),
    },
  }));
}

async function writeReport(
  path: string,
  head: string,
  item: (i: number) => object,
  tail: string,
  until: (i: number, bytes: number) => boolean,
  groupEvery?: { size: number; between: (g: number) => string },
): Promise<{ bytes: number; items: number }> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(head);
  let i = 0;
  for (; until(i, bytes); i++) {
    if (groupEvery && i > 0 && i % groupEvery.size === 0) await write(groupEvery.between(i / groupEvery.size));
    else if (i > 0) await write(',');
    await write(JSON.stringify(item(i)));
  }
  await write(tail);
  out.end();
  await once(out, 'finish');
  return { bytes, items: i };
}

/** A Trivy SchemaVersion 2 report of `n` vulnerabilities (or up to `maxBytes`), 1,000 per target. */
export function writeTrivy(path: string, limit: { n?: number; maxBytes?: number }) {
  const target = (t: number) => `{"Target":"image-layer-${t}","Class":"lang-pkgs","Type":"npm","Vulnerabilities":[`;
  return writeReport(
    path,
    `{"SchemaVersion":2,"CreatedAt":"2026-11-29T12:00:00Z","ArtifactName":"bench","ArtifactType":"container_image",` +
      `"Results":[${target(0)}`,
    trivyVulnerability,
    ']}]}',
    (i, bytes) => (limit.n !== undefined ? i < limit.n : bytes < limit.maxBytes! - 4096),
    { size: 1000, between: (t) => `]},${target(t)}` },
  );
}

/** A SARIF 2.1.0 report of `n` results (or up to `maxBytes`) from one run with 200 rules. */
export function writeSarif(path: string, limit: { n?: number; maxBytes?: number }) {
  const head =
    `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"BenchQL","rules":` +
    `${JSON.stringify(sarifRules())}}},"results":[`;
  return writeReport(path, head, sarifResult, ']}]}', (i, bytes) =>
    limit.n !== undefined ? i < limit.n : bytes < limit.maxBytes! - 4096,
  );
}
