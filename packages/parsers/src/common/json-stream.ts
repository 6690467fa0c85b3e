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
  // A copy, so the skeleton's strings no longer point into the input chunks they were cut from
  // (V8 keeps a whole chunk alive for any substring of it).
  return structuredClone(asm.current);
}

interface Frame {
  array: boolean;
  /** Object frames: the key of the value being read. */
  key: string | null;
  /** Array frames: index of the element being read. */
  index: number;
  streamed: boolean;
  path: Array<string | number>;
}

const PRIMITIVES = new Set(['stringValue', 'numberValue', 'nullValue', 'trueValue', 'falseValue']);

/**
 * Pass 2: the elements of the streamed arrays in document order, one batch per chunk of input.
 * Only the elements are assembled (each with its own assembler, dropped once handed over); the
 * rest of the document is tracked as a path, never kept.
 */
export async function* streamJsonItems(source: ReportSource, streamed: StreamedArrays, what: string): AsyncGenerator<StreamedItem[]> {
  const frames: Frame[] = [];
  let item: Assembler | undefined;
  const pathOfNext = (): Array<string | number> => {
    const top = frames.at(-1);
    return top ? [...top.path, top.array ? top.index : (top.key as string)] : [];
  };
  for await (const batch of tokens(source, what)) {
    const out: StreamedItem[] = [];
    for (const token of batch) {
      const name = token.name;
      if (item) {
        item.consume(token);
        if (name === 'startObject' || name === 'startArray') checkDepth(item, what);
        if (item.done) {
          const top = frames.at(-1)!;
          out.push({ arrayPath: top.path, value: item.current });
          top.index++;
          item = undefined;
        }
        continue;
      }
      const top = frames.at(-1);
      if (top?.streamed && name !== 'endArray') {
        item = new Assembler();
        item.consume(token);
        if (item.done) {
          out.push({ arrayPath: top.path, value: item.current });
          top.index++;
          item = undefined;
        }
        continue;
      }
      if (name === 'keyValue') {
        if (top) top.key = token.value as string;
      } else if (name === 'startObject' || name === 'startArray') {
        const path = pathOfNext();
        const array = name === 'startArray';
        frames.push({ array, key: null, index: 0, streamed: array && streamed(path), path });
        if (frames.length > MAX_DEPTH) throw new ParseError(`${what} is nested more than ${MAX_DEPTH} levels deep`);
      } else if (name === 'endObject' || name === 'endArray') {
        frames.pop();
        const parent = frames.at(-1);
        if (parent?.array) parent.index++;
      } else if (PRIMITIVES.has(name) && top?.array) {
        top.index++;
      }
    }
    if (out.length) yield out;
  }
}
