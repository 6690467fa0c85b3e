import { ParseError, type ReportSource } from '../parser.ts';
import { JsonScanner, type JsonPath, type StreamedArrays } from './json-scan.ts';

export type { JsonPath, StreamedArrays } from './json-scan.ts';

/**
 * Streaming reads of large JSON reports, in two passes over the source, both on the structural
 * scanner of json-scan.ts (elements and the rest handed to JSON.parse):
 *
 *   1. `readJsonSkeleton`: the whole document except the elements of the "streamed" arrays (SARIF
 *      results, Trivy vulnerabilities …). The skeleton carries everything the elements are read
 *      against (rules, targets, dates) wherever it appears in the file, and a malformed document
 *      outside those arrays is refused here, before anything is written.
 *   2. `streamJsonItems`: the streamed arrays' elements, one batch per input chunk, so memory holds
 *      one chunk of elements, not the document. A malformed element is refused when it is read.
 */

export interface StreamedItem {
  /** Path of the array the element belongs to. */
  arrayPath: JsonPath;
  value: unknown;
}

/** Pass 1: the document with every streamed array left empty. Throws ParseError on malformed JSON. */
export async function readJsonSkeleton(source: ReportSource, streamed: StreamedArrays, what: string): Promise<unknown> {
  const parts: Buffer[] = [];
  // Copies: a subarray would keep its whole input chunk alive.
  const scanner = new JsonScanner(streamed, what, { skeleton: (bytes) => parts.push(Buffer.from(bytes)) });
  for await (const chunk of source.open()) scanner.push(chunk);
  scanner.end();
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch (err) {
    throw new ParseError(`Malformed ${what}: ${(err as Error).message}`);
  }
}

/** Pass 2: the elements of the streamed arrays in document order, one batch per chunk of input. */
export async function* streamJsonItems(
  source: ReportSource,
  streamed: StreamedArrays,
  what: string,
): AsyncGenerator<StreamedItem[]> {
  let out: StreamedItem[] = [];
  const scanner = new JsonScanner(streamed, what, {
    element: (arrayPath, index, text) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new ParseError(`Malformed ${what}: ${arrayPath.join('.')}[${index}]: ${(err as Error).message}`);
      }
      out.push({ arrayPath, value });
    },
  });
  for await (const chunk of source.open()) {
    scanner.push(chunk);
    if (out.length) {
      yield out;
      out = [];
    }
  }
  scanner.end();
  if (out.length) yield out;
}
