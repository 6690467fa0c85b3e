import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError, type Parser, type ReportSource } from '../parser.ts';
import { sarifParser } from '../sca/sarif.ts';
import { trivyParser } from '../sca/trivy.ts';

const fixture = (path: string) => readFileSync(new URL(`../sca/fixtures/${path}`, import.meta.url));

/** A source that hands the bytes over in pieces of `size`, cutting tokens and UTF-8 sequences. */
function pieces(bytes: Buffer, size: number): ReportSource {
  return {
    async *open() {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    },
  };
}

async function streamed(parser: Parser, bytes: Buffer, size: number) {
  const report = await parser.stream!(pieces(bytes, size), { scanType: parser.scanTypes[0] });
  const findings = [];
  for await (const batch of report.batches) findings.push(...batch);
  return { ...report, findings };
}

const cases: Array<[Parser, string]> = [
  [sarifParser, 'sarif/codeql.sarif'],
  [sarifParser, 'sarif/empty.sarif'],
  [sarifParser, 'snyk-code/snyk-code.sarif'],
  [trivyParser, 'trivy/schema2.json'],
  [trivyParser, 'trivy/legacy.json'],
  [trivyParser, 'trivy/k8s.json'],
  [trivyParser, 'trivy/no-findings.json'],
];

test(
  'streaming parse: the same findings, tool name and date ' + 'as the whole-document parse, however the input is cut',
  async () => {
    for (const [parser, path] of cases) {
      const bytes = fixture(path);
      const whole = await parser.parse(bytes, { scanType: parser.scanTypes[0] });
      for (const size of [1, 7, 4096, bytes.length]) {
        const s = await streamed(parser, bytes, size);
        assert.deepEqual(s.findings, whole.findings, `${path} in pieces of ${size}`);
        assert.equal(s.toolName, whole.toolName, path);
        assert.equal(s.scanDate, whole.scanDate, path);
      }
    }
  },
);

test('streaming SARIF: results read against rules and invocations that come after them in the file', async () => {
  const doc = {
    runs: [
      {
        results: [
          {
            ruleId: 'R1',
            message: { text: 'm' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'a.js' }, region: { startLine: 3 } } }],
          },
        ],
        invocations: [{ endTimeUtc: '2026-05-04T10:00:00Z' }],
        tool: { driver: { name: 'Late', rules: [{ id: 'R1', properties: { 'security-severity': '9.1' } }] } },
      },
    ],
  };
  const bytes = Buffer.from(JSON.stringify(doc));
  const whole = await sarifParser.parse(bytes, { scanType: 'SARIF' });
  const s = await streamed(sarifParser, bytes, 5);
  assert.deepEqual(s.findings, whole.findings);
  assert.equal(s.findings[0].severity, 'Critical');
  assert.equal(s.findings[0].date, '2026-05-04');
  assert.equal(s.toolName, 'Late');
});

test(
  'streaming parse: bad input is a ParseError before any ' + 'finding is handed over, or while reading a bad element',
  async () => {
    const refuse = async (parser: Parser, text: string, pattern: RegExp) => {
      await assert.rejects(
        streamed(parser, Buffer.from(text), 3),
        (err: unknown) => err instanceof ParseError && pattern.test(err.message),
        text.slice(0, 40),
      );
    };
    await refuse(sarifParser, '', /empty/);
    await refuse(sarifParser, '{"runs":[{"results":[{"message":{"text":"x"}},', /Malformed SARIF report/);
    await refuse(sarifParser, '{"runs": [ oops ]}', /Malformed SARIF report/);
    await refuse(sarifParser, '{"version":"2.1.0"}', /missing "runs"/);
    await refuse(sarifParser, '{"runs":[{"results":[1]}]}', /results\[0\] is not an object/);
    await refuse(sarifParser, `{"runs":[{"results":[${'['.repeat(2000)}${']'.repeat(2000)}]}]}`, /nested more than/);
    await refuse(sarifParser, `{"runs":[${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}]}`, /nested more than/);
    await refuse(trivyParser, '{"SchemaVersion":3}', /SchemaVersion 3/);
    await refuse(trivyParser, '{"SchemaVersion":2,"Results":{}}', /"Results" is not an array/);
  },
);

test(
  'structural scan: strings with brackets, quotes, escapes and UTF-8 inside elements and keys, cut anywhere, read ' +
    'as JSON.parse reads them',
  async () => {
    const tricky = 'a ] } [ { , " \\ é 漢 \u2028 end';
    const doc = {
      'ru\u006es': [
        {
          tool: { driver: { name: 'Tricky ]}', rules: [{ id: 'R"1', shortDescription: { text: tricky } }] } },
          results: [
            {
              ruleId: 'R"1',
              message: { text: tricky },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'dir/[x].js' }, region: { startLine: 1 } } }],
            },
            { ruleId: 'R"1', message: { text: '\\"' }, properties: { nested: [[[{}]], '{'] } },
          ],
        },
      ],
    };
    // The key "runs" written with an escape, as a tool may.
    const bytes = Buffer.from(JSON.stringify(doc).replace('"runs"', '"ru\\u006es"'));
    const whole = await sarifParser.parse(bytes, { scanType: 'SARIF' });
    assert.equal(whole.findings.length, 2);
    for (const size of [1, 2, 3, 5, 11]) {
      const s = await streamed(sarifParser, bytes, size);
      assert.deepEqual(s.findings, whole.findings, `pieces of ${size}`);
    }
  },
);

test('structural scan: a missing or trailing comma between elements is refused', async () => {
  const refuse = async (text: string) => {
    await assert.rejects(
      streamed(sarifParser, Buffer.from(text), 4),
      (err: unknown) => err instanceof ParseError && /Malformed SARIF report/.test(err.message),
      text,
    );
  };
  const r = '{"message":{"text":"x"}}';
  await refuse(`{"runs":[{"tool":{"driver":{"name":"t"}},"results":[${r} ${r}]}]}`);
  await refuse(`{"runs":[{"tool":{"driver":{"name":"t"}},"results":[${r},]}]}`);
  await refuse(`{"runs":[{"tool":{"driver":{"name":"t"}},"results":[,${r}]}]}`);
  await refuse(`{"runs":[{"tool":{"driver":{"name":"t"}},"results":[${r}}]}]}`);
  await refuse(`{"runs":[{"tool":{"driver":{"name":"t"}},"results":[${r}]}]} {}`);
  await refuse(`{"runs":[{"tool":{"driver":{"name":"t"}},"results":[${r}]`);
});
