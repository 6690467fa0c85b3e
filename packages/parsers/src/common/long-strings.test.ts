import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportSource } from '../parser.ts';
import { trivyParser } from '../sca/trivy.ts';
import { sarifParser } from '../sca/sarif.ts';
import { readJsonSkeleton, streamJsonItems } from './json-stream.ts';
import { STREAMED_STRING_KEEP_BYTES, withoutCutMarks } from './long-strings.ts';

function pieces(bytes: Buffer, size: number): ReportSource {
  return {
    async *open() {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    },
  };
}

// ASCII, a two-byte and a four-byte UTF-8 character, and escapes (\n, \", \\, \u0001) everywhere,
// so cuts fall on every kind of boundary as the pieces move.
const UNIT = 'abc é 😀 "q" \\ \n\u00e9\u0001 ';
const long = UNIT.repeat(Math.ceil((STREAMED_STRING_KEEP_BYTES * 1.5) / Buffer.byteLength(JSON.stringify(UNIT))));

test('a streamed element keeps the start of a huge string and a cut mark saying how much was dropped', async () => {
  const doc = Buffer.from(JSON.stringify({ items: [{ a: 'x', d: long, z: 'after' }, { a: 'y' }] }));
  for (const size of [7, 4093, 65536, doc.length]) {
    const values: unknown[] = [];
    for await (const batch of streamJsonItems(pieces(doc, size), (p) => p.join('.') === 'items', 'test document'))
      values.push(...batch.map((b) => b.value));
    assert.equal(values.length, 2, `size ${size}`);
    const first = values[0] as { a: string; d: string; z: string };
    assert.equal(first.a, 'x');
    assert.equal(first.z, 'after', 'the element goes on after the cut string');
    const { text, dropped } = withoutCutMarks(first.d);
    assert.ok(
      text.length < long.length && text.length > STREAMED_STRING_KEEP_BYTES / 6,
      `size ${size}: kept ${text.length}`,
    );
    assert.ok(long.startsWith(text), `size ${size}: the kept text is the string's start`);
    assert.equal(text.length + dropped, long.length, `size ${size}: kept + dropped = the original length`);
    assert.deepEqual(values[1], { a: 'y' });
  }
});

test('a huge string of nothing but escapes is cut too', async () => {
  const escapes = '\\n\u0001"'.repeat(STREAMED_STRING_KEEP_BYTES / 2);
  const doc = Buffer.from(JSON.stringify({ items: [{ d: escapes }], s: escapes }));
  for (const size of [4093, doc.length]) {
    const values: Array<{ d: string }> = [];
    for await (const batch of streamJsonItems(pieces(doc, size), (p) => p.join('.') === 'items', 'test document'))
      values.push(...(batch.map((b) => b.value) as Array<{ d: string }>));
    const skeleton = (await readJsonSkeleton(pieces(doc, size), (p) => p.join('.') === 'items', 'test document')) as {
      s: string;
    };
    for (const value of [values[0].d, skeleton.s]) {
      const { text, dropped } = withoutCutMarks(value);
      assert.ok(text.length < escapes.length && escapes.startsWith(text), `size ${size}`);
      assert.equal(text.length + dropped, escapes.length);
    }
  }
});

test('a huge string in the skeleton is cut the same way; short strings are untouched', async () => {
  const doc = Buffer.from(JSON.stringify({ big: long, small: 'é\\"', items: [] }));
  for (const size of [4093, doc.length]) {
    const skeleton = (await readJsonSkeleton(pieces(doc, size), (p) => p.join('.') === 'items', 'test document')) as {
      big: string;
      small: string;
    };
    assert.equal(skeleton.small, 'é\\"');
    const { text, dropped } = withoutCutMarks(skeleton.big);
    assert.ok(long.startsWith(text));
    assert.equal(text.length + dropped, long.length);
  }
});

test(
  'a Trivy report with one 40 MB description streams with ' + 'the description cut (the element is never held whole)',
  async () => {
    const description = 'A'.repeat(40 * 1024 * 1024);
    const doc = Buffer.from(
      JSON.stringify({
        SchemaVersion: 2,
        ArtifactName: 'img',
        Results: [
          {
            Target: 't',
            Type: 'debian',
            Vulnerabilities: [
              {
                VulnerabilityID: 'CVE-2026-1',
                PkgName: 'p',
                InstalledVersion: '1',
                Severity: 'HIGH',
                Title: 'big',
                Description: description,
              },
            ],
          },
        ],
      }),
    );
    const report = await trivyParser.stream!(pieces(doc, 1024 * 1024), { scanType: 'Trivy Scan' });
    const findings = [];
    for await (const batch of report.batches) findings.push(...batch);
    assert.equal(findings.length, 1);
    const { text, dropped } = withoutCutMarks(findings[0].description!);
    assert.ok(findings[0].description!.length < 3 * 1024 * 1024);
    assert.ok(text.length + dropped > description.length);
    assert.ok(sarifParser.stream, 'SARIF streams through the same scanner');
  },
);
