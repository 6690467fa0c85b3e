import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError, parsers, type Parser } from '@vigil/parsers';

/**
 * Feeds ~2,000 deterministically mutated fixtures (byte flips, truncation, splices, repeats) to
 * every parser: each parse returns or throws ParseError (never another error), within 2 s.
 */
const ROOT = new URL('../../packages/parsers/src/', import.meta.url).pathname;
const ITERATIONS = 2000;
const MAX_MS = 2000;

function fixtures(): Buffer[] {
  const out: Buffer[] = [];
  for (const family of readdirSync(ROOT)) {
    const dir = join(ROOT, family, 'fixtures');
    let tools: string[];
    try {
      tools = readdirSync(dir);
    } catch {
      continue;
    }
    for (const tool of tools) for (const f of readdirSync(join(dir, tool))) out.push(readFileSync(join(dir, tool, f)));
  }
  return out.sort((a, b) => a.length - b.length || Buffer.compare(a, b));
}

/** mulberry32: a small deterministic generator, so a failure is reproducible from its iteration. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [
  '"',
  '{',
  '}',
  '[',
  ']',
  '<',
  '>',
  ',',
  ':',
  '\\',
  '\u0000',
  '\uffff',
  '-1',
  '1e999',
  'null',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '&a;',
  '"\ud800"',
];

function mutate(input: Buffer, random: () => number): Buffer {
  const b = Buffer.from(input);
  const pick = (n: number) => Math.floor(random() * n);
  switch (pick(6)) {
    case 0: // byte flips
      for (let i = 0, n = 1 + pick(8); i < n && b.length; i++) b[pick(b.length)] ^= 1 << pick(8);
      return b;
    case 1: // truncation
      return b.subarray(0, pick(b.length + 1));
    case 2: {
      // splice in a token
      const at = pick(b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(INTERESTING[pick(INTERESTING.length)]), b.subarray(at)]);
    }
    case 3: {
      // delete a range
      const at = pick(b.length + 1);
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + pick(64))]);
    }
    case 4: {
      // duplicate a range
      const at = pick(b.length + 1);
      const part = b.subarray(at, at + 1 + pick(256));
      return Buffer.concat([b.subarray(0, at), part, part, b.subarray(at)]);
    }
    default: // replace a byte with a structural character
      if (b.length) b[pick(b.length)] = '"{}[]<>,:'.charCodeAt(pick(9));
      return b;
  }
}

async function check(parser: Parser, input: Buffer, label: string): Promise<void> {
  const started = performance.now();
  try {
    const r = await parser.parse(input, { scanType: parser.scanTypes[0], filename: 'fuzz' });
    assert.ok(Array.isArray(r.findings), `${label}: findings is an array`);
  } catch (err) {
    if (!(err instanceof ParseError))
      assert.fail(`${label}: threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
  }
  const ms = performance.now() - started;
  assert.ok(ms < MAX_MS, `${label}: took ${Math.round(ms)} ms`);
}

test(`fuzz: ${ITERATIONS} mutated reports × every parser: result or ParseError, each under ${MAX_MS} ms`, {
  timeout: 120_000,
}, async () => {
  const corpus = fixtures();
  assert.ok(corpus.length > 20);
  // Which parsers accept each fixture unmutated: mutations of it reach deep into those parsers.
  const owners = await Promise.all(
    corpus.map(async (f) => {
      const ok: Parser[] = [];
      for (const p of parsers) {
        try {
          await p.parse(f, { scanType: p.scanTypes[0] });
          ok.push(p);
        } catch {
          /* not this parser's format */
        }
      }
      return ok;
    }),
  );
  const random = rng(0x5eed);
  const fed = new Map<string, number>();
  for (let i = 0; i < ITERATIONS; i++) {
    const which = i % corpus.length;
    const input = mutate(corpus[which], random);
    const targets = [parsers[i % parsers.length], ...owners[which].slice(0, 2)];
    for (const p of targets) {
      await check(p, input, `iteration ${i}, fixture ${which}, parser ${p.id}`);
      fed.set(p.id, (fed.get(p.id) ?? 0) + 1);
    }
  }
  for (const p of parsers) assert.ok((fed.get(p.id) ?? 0) >= 50, `${p.id} got only ${fed.get(p.id) ?? 0} inputs`);
});
