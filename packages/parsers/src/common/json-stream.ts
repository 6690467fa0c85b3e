import { StringDecoder } from 'node:string_decoder';
import { jsonParser, type parser } from 'stream-json/parser.js';
import Assembler from 'stream-json/assembler.js';
import { none } from 'stream-chain/defs.js';
import { ParseError, type ReportSource } from '../parser.ts';

/**
 * Streaming reads of large JSON reports (stream-json's tokenizer, fed directly rather than through
 * Node streams, which cost ~6× more per token). A report is read in two passes over its source:
 *
 *   1. `readJsonSkeleton`: the whole document except the elements of the "streamed" arrays (SARIF
 *      results, Trivy vulnerabilities …), which are tokenized and skipped. The skeleton carries
 *      everything the elements are read against (rules, targets, dates) wherever it appears in
 *      the file, and a malformed document is refused here, before anything is written.
 *   2. `streamJsonItems`: the streamed arrays' elements, one batch per input chunk, each element
 *      released once handed over, so memory holds one chunk of elements, not the document.
 */

export type JsonPath = ReadonlyArray<string | number>;
/** Says whether the array at `path` (e.g. ['runs', 0, 'results']) is streamed element by element. */
export type StreamedArrays = (path: JsonPath) => boolean;

export interface StreamedItem {
  /** Path of the array the element belongs to. */
  arrayPath: JsonPath;
  value: unknown;
}

const MAX_DEPTH = 512;

type Token = parser.Token;
type Many = { values: Token[] };

/** Tokens of a source, in chunks, with errors turned into ParseErrors naming the byte offset. */
async function* tokens(source: ReportSource, what: string): AsyncGenerator<Token[]> {
  const parse = jsonParser({ streamValues: false });
  const decoder = new StringDecoder('utf8');
  let offset = 0;
  let first = true;
  const run = (text: string | typeof none): Token[] => {
    try {
      const out = parse(text as string) as unknown;
      if (out === none || out === undefined) return [];
      return (out as Many).values ?? [out as Token];
    } catch (err) {
      throw new ParseError(`Malformed ${what}: ${(err as Error).message}`, { offset });
    }
  };
  for await (const chunk of source.open()) {
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const out = run(text);
    offset += chunk.length;
    if (out.length) yield out;
  }
  if (first) throw new ParseError(`${what} is empty`, { offset: 0 });
  const tail = run(decoder.end());
  const end = run(none);
  if (tail.length || end.length) yield [...tail, ...end];
}

/** Path of the value the next token starts. */
function nextPath(asm: Assembler): Array<string | number> {
  if (asm.done) return [];
  const current = asm.current as unknown;
  return [...(asm.path as Array<string | number>), Array.isArray(current) ? current.length : (asm.key as string)];
}

function checkDepth(asm: Assembler, what: string): void {
  if (asm.stack.length > MAX_DEPTH * 2) throw new ParseError(`${what} is nested more than ${MAX_DEPTH} levels deep`);
}

/** Pass 1: the document with every streamed array left empty. Throws ParseError on malformed JSON. */
export async function readJsonSkeleton(source: ReportSource, streamed: StreamedArrays, what: string): Promise<unknown> {
  const asm = new Assembler();
  let skipping = 0;
  let documents = 0;
  for await (const batch of tokens(source, what)) {
    for (const token of batch) {
      const name = token.name;
      if (skipping > 0) {
        if (name === 'startObject' || name === 'startArray') skipping++;
        else if (name === 'endObject' || name === 'endArray') skipping--;
        if (skipping > 0) continue;
      } else if (name === 'startArray' && streamed(nextPath(asm))) {
        asm.consume(token);
        skipping = 1;
        continue;
      }
      if (asm.done && name !== 'endObject' && name !== 'endArray') documents++;
      asm.consume(token);
      if (name === 'startObject' || name === 'startArray') checkDepth(asm, what);
    }
  }
  if (documents !== 1 || !asm.done) throw new ParseError(`Malformed ${what}: expected exactly one JSON document`);
  return asm.current;
}

/** Pass 2: the elements of the streamed arrays in document order, one batch per chunk of input. */
export async function* streamJsonItems(source: ReportSource, streamed: StreamedArrays, what: string): AsyncGenerator<StreamedItem[]> {
  const asm = new Assembler();
  const arrays = new Map<unknown[], JsonPath>();
  for await (const batch of tokens(source, what)) {
    const out: StreamedItem[] = [];
    for (const token of batch) {
      const name = token.name;
      if (name === 'startArray') {
        const path = nextPath(asm);
        asm.consume(token);
        checkDepth(asm, what);
        if (streamed(path)) arrays.set(asm.current as unknown[], path);
        continue;
      }
      if (name === 'endArray' && arrays.has(asm.current as unknown[])) arrays.delete(asm.current as unknown[]);
      asm.consume(token);
      if (name === 'startObject') {
        checkDepth(asm, what);
        continue;
      }
      const path = arrays.get(asm.current as unknown[]);
      if (path && (asm.current as unknown[]).length > 0) out.push({ arrayPath: path, value: (asm.current as unknown[]).pop() });
    }
    if (out.length) yield out;
  }
}
