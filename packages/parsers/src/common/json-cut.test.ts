import { test } from 'node:test';
import assert from 'node:assert/strict';
import { genericParser } from '../sca/generic.ts';
import { cutLongJsonStrings } from './json-cut.ts';
import { STREAMED_STRING_KEEP_BYTES, withoutCutMarks } from './long-strings.ts';

// ASCII, a two-byte and a four-byte UTF-8 character, and escapes (\n, \", \\, \u0001, a surrogate
// pair as \uD83D\uDE00), so the cut falls on every kind of boundary as the keep size moves.
const UNIT = 'abc é 😀 "q" \\ \n\u00e9\u0001 ';
const ESCAPED_PAIR = '\\uD83D\\uDE00';

test(
  'a report parsed whole: strings over the keep size are cut before JSON.parse, with the exact count of dropped ' +
    'characters',
  async () => {
    for (const keep of [64, 65, 66, 67, 68, 69, 70, 71, 100, 101, 102, 103]) {
      const value = UNIT.repeat(40);
      const source = JSON.stringify({
        findings: [{ title: 't', description: value, short: 'kept whole', after: [1, 'x'] }],
      });
      const cut = await cutLongJsonStrings(Buffer.from(source), keep);
      const doc = JSON.parse(cut.toString('utf8'));
      const { text, dropped } = withoutCutMarks(doc.findings[0].description);
      assert.ok(value.startsWith(text), `keep ${keep}: the kept part is the string's start`);
      assert.equal(text.length + dropped, value.length, `keep ${keep}: exact character count`);
      assert.equal(doc.findings[0].short, 'kept whole');
      assert.deepEqual(doc.findings[0].after, [1, 'x']);
    }
    const pairs = `{"d":"${'x'.repeat(10)}${ESCAPED_PAIR.repeat(50)}"}`;
    for (const keep of [10, 11, 12, 13, 14, 15, 16, 17]) {
      const { text, dropped } = withoutCutMarks(
        JSON.parse((await cutLongJsonStrings(Buffer.from(pairs), keep)).toString()).d,
      );
      assert.equal(text.length + dropped, 110, `keep ${keep}`);
    }
  },
);

test('short rests, short reports and non-JSON are left as they are; the cut happens in place', async () => {
  const small = Buffer.from('{"a":"0123456789"}');
  assert.equal(await cutLongJsonStrings(small, 8), small, 'a rest shorter than the mark stays');
  assert.equal(small.toString(), '{"a":"0123456789"}');
  const xml = Buffer.from(`<a>${'x'.repeat(200)}</a>`);
  assert.equal((await cutLongJsonStrings(xml, 10)).toString(), xml.toString());
  const big = Buffer.from(`{"a":"${'y'.repeat(500)}"}`);
  const out = await cutLongJsonStrings(big, 100);
  assert.equal(out.buffer, big.buffer, 'no second copy: a view of the same memory');
  assert.ok(out.length < 200);
});

test('Generic Findings Import: a description over 2 MiB is cut and its length counted exactly', async () => {
  const description = 'lorem ipsum é 😀 \n'.repeat(Math.ceil((STREAMED_STRING_KEEP_BYTES * 1.5) / 20));
  const report = Buffer.from(JSON.stringify({ findings: [{ title: 'huge', severity: 'High', description }] }));
  const parsed = await genericParser.parse(await cutLongJsonStrings(report), {
    scanType: 'Generic Findings Import',
    filename: 'r.json',
  });
  const { text, dropped } = withoutCutMarks(parsed.findings[0]!.description!);
  assert.ok(dropped > 0);
  assert.equal(text.length + dropped, description.length);
});

test(
  'chunk by chunk (JsonStringCutter) gives exactly what ' + 'the whole-buffer cut gives, wherever the chunks end',
  async () => {
    const { JsonStringCutter } = await import('./json-cut.ts');
    const docs = [
      JSON.stringify({
        findings: [{ description: UNIT.repeat(40), short: 'kept', n: [1, 'x'] }, { d: 'é'.repeat(200) }],
      }),
      `{"d":"${'x'.repeat(10)}${ESCAPED_PAIR.repeat(50)}","e":"${'y'.repeat(75)}"}`,
      '{"a":"0123456789abcdef"}',
    ];
    for (const doc of docs) {
      for (const keep of [8, 10, 13, 64, 67]) {
        const whole = (await cutLongJsonStrings(Buffer.from(doc), keep)).toString('utf8');
        for (const size of [1, 2, 3, 5, 7, 64, 1000]) {
          const cutter = new JsonStringCutter(keep);
          const src = Buffer.from(doc);
          const parts: Buffer[] = [];
          for (let at = 0; at < src.length; at += size) parts.push(...cutter.push(src.subarray(at, at + size)));
          parts.push(...cutter.end());
          assert.equal(Buffer.concat(parts).toString('utf8'), whole, `keep ${keep}, chunks of ${size}`);
          assert.equal(src.toString(), doc, 'the chunks are not written to');
        }
      }
    }
  },
);
