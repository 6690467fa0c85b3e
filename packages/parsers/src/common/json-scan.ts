import { ParseError } from '../parser.ts';

/**
 * A structural scanner for large JSON reports. It finds the elements of "streamed" arrays (SARIF
 * results, Trivy vulnerabilities …) by looking only at brackets, quotes, escapes, commas and keys,
 * and hands the text pieces to the engine's JSON.parse, many times faster than tokenizing every
 * value in JavaScript.
 *
 * - `skeleton` receives the bytes outside the streamed arrays' elements (the arrays left empty);
 *   JSON.parse of them validates the rest of the document.
 * - `element` receives each element's text (pass 2 only); JSON.parse of it validates the element,
 *   including the separators: an element runs to the next comma or closing bracket at its own
 *   depth, so a missing comma makes its text invalid and a trailing comma is refused here.
 *
 * Structural characters are ASCII and never occur inside a UTF-8 multi-byte sequence, so the
 * scan works on bytes; only keys and elements are decoded.
 */

export type JsonPath = ReadonlyArray<string | number>;
export type StreamedArrays = (path: JsonPath) => boolean;

export const MAX_DEPTH = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

interface Frame {
  array: boolean;
  path: Array<string | number>;
  /** Objects: the key of the value being read. */
  key: string | null;
  /** Arrays: index of the element being read. */
  index: number;
}

export interface ScanHandlers {
  skeleton?: (bytes: Buffer) => void;
  element?: (arrayPath: JsonPath, index: number, text: string) => void;
}

export class JsonScanner {
  private readonly frames: Frame[] = [];
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private keyParts: Buffer[] | null = null;
  private streamedFrame: Frame | null = null;
  /** Depth inside the current element; -1 between elements. */
  private elementDepth = -1;
  private elementParts: Buffer[] = [];
  private elementInString = false;
  private elementEscaped = false;
  /** After '[' or ',' of a streamed array. */
  private afterComma = false;
  private sawValue = false;
  private offset = 0;
  private first = true;

  constructor(
    private readonly streamed: StreamedArrays,
    private readonly what: string,
    private readonly handlers: ScanHandlers,
  ) {}

  push(input: Buffer): void {
    let chunk = input;
    if (this.first && chunk.length > 0) {
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      this.first = false;
    }
    const collect = this.handlers.element !== undefined;
    let skeletonFrom = this.streamedFrame ? -1 : 0;
    let elementFrom = this.elementDepth >= 0 ? 0 : -1;
    let keyFrom = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      const frame = this.streamedFrame;
      if (frame) {
        if (this.elementDepth < 0) {
          // Between elements.
          if (isSpace(c)) continue;
          if (c === CLOSE_ARRAY) {
            if (this.afterComma && frame.index > 0) this.fail("a ',' with no element after it", i);
            this.closeStreamed();
            skeletonFrom = i;
            continue;
          }
          this.elementDepth = 0;
          this.afterComma = false;
          elementFrom = i;
          this.elementParts = [];
        }
        // Inside an element (c may be its first byte).
        if (this.elementInString) {
          if (this.elementEscaped) this.elementEscaped = false;
          else if (c === BACKSLASH) this.elementEscaped = true;
          else if (c === QUOTE) this.elementInString = false;
          continue;
        }
        if (c === QUOTE) this.elementInString = true;
        else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          if (++this.elementDepth + this.frames.length > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`, i);
        } else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && this.elementDepth > 0) this.elementDepth--;
        else if ((c === COMMA || c === CLOSE_ARRAY) && this.elementDepth === 0) {
          if (collect) this.elementParts.push(chunk.subarray(elementFrom, i));
          this.finishElement(frame, i);
          if (c === COMMA) this.afterComma = true;
          else {
            this.closeStreamed();
            skeletonFrom = i;
          }
        } else if (c === CLOSE_OBJECT && this.elementDepth === 0) this.fail("unexpected '}'", i);
        continue;
      }
      // Outside streamed arrays: strings, keys and the path.
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyParts) {
            this.keyParts.push(chunk.subarray(keyFrom, i + 1));
            this.setKey(Buffer.concat(this.keyParts).toString('utf8'), i);
            this.keyParts = null;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      this.sawValue = true;
      const top = this.frames.at(-1);
      if (c === QUOTE) {
        this.inString = true;
        if (top && !top.array && this.expectKey) {
          this.keyParts = [];
          keyFrom = i;
          this.expectKey = false;
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.frames.length >= MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`, i);
        const path = top ? [...top.path, top.array ? top.index : (top.key ?? '')] : [];
        const next: Frame = { array: c === OPEN_ARRAY, path, key: null, index: 0 };
        this.frames.push(next);
        this.expectKey = !next.array;
        if (next.array && this.streamed(path)) {
          // The '[' stays in the skeleton; the elements do not.
          if (this.handlers.skeleton && skeletonFrom >= 0) this.handlers.skeleton(chunk.subarray(skeletonFrom, i + 1));
          skeletonFrom = -1;
          this.streamedFrame = next;
          this.elementDepth = -1;
          this.afterComma = true;
        }
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.frames.pop();
        this.expectKey = false;
      } else if (c === COMMA && top) {
        if (top.array) top.index++;
        else {
          top.key = null;
          this.expectKey = true;
        }
      }
    }
    if (this.handlers.skeleton && skeletonFrom >= 0 && skeletonFrom < chunk.length) this.handlers.skeleton(chunk.subarray(skeletonFrom));
    if (this.keyParts && this.inString) this.keyParts.push(Buffer.from(chunk.subarray(keyFrom)));
    if (collect && this.elementDepth >= 0 && elementFrom >= 0) this.elementParts.push(Buffer.from(chunk.subarray(elementFrom)));
    this.offset += chunk.length;
  }

  /** After the last chunk: throws when the document is empty or ends inside a value. */
  end(): void {
    if (this.first || !this.sawValue) throw new ParseError(`${this.what} is empty`, { offset: 0 });
    if (this.streamedFrame || this.inString || this.frames.length) this.fail('the document ends before it is complete', 0);
  }

  private setKey(text: string, at: number): void {
    try {
      this.frames.at(-1)!.key = JSON.parse(text) as string;
    } catch {
      this.fail('a malformed object key', at);
    }
  }

  private finishElement(frame: Frame, at: number): void {
    if (this.handlers.element) {
      const text = Buffer.concat(this.elementParts).toString('utf8');
      this.elementParts = [];
      if (text.trim() === '') this.fail(`an empty element at ${frame.path.join('.')}[${frame.index}]`, at);
      this.handlers.element(frame.path, frame.index, text);
    }
    frame.index++;
    this.elementDepth = -1;
  }

  private closeStreamed(): void {
    this.streamedFrame = null;
    this.elementDepth = -1;
    this.afterComma = false;
    this.frames.pop();
  }

  private fail(message: string, at: number): never {
    throw new ParseError(`Malformed ${this.what}: ${message}`, { offset: this.offset + at });
  }
}
