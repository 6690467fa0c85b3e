import { ParseError } from '../parser.ts';
import { STREAMED_STRING_KEEP_BYTES, cutMarkJson } from './long-strings.ts';

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
 *
 * A string value longer than STREAMED_STRING_KEEP_BYTES (in an element or the skeleton) is cut
 * there: its rest is counted, not kept, and a cut mark saying how many characters were dropped
 * takes its place (long-strings.ts), so one huge value is never held whole.
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
const LETTER_U = 0x75;

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
  /** Absolute offset of the last hex digit of the latest `\uXXXX` escape (never cut inside one). */
  private hexEnd = -1;
  /** Absolute offset past which the current string is cut (Infinity: never). */
  private stringCutAt = Infinity;
  /** Inside a string that was cut: its bytes are counted, not kept. */
  private dropping = false;
  private droppedChars = 0;

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
    let skeletonFrom = this.streamedFrame || this.dropping ? -1 : 0;
    let elementFrom = this.elementDepth >= 0 && !this.dropping ? 0 : -1;
    let keyFrom = 0;
    // Index in this chunk past which the current string is cut (-1 while its rest is dropped):
    // strings at most this long take one comparison more per byte than before.
    let cutAt = this.dropping ? -1 : this.stringCutAt - this.offset;
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
          if (i > cutAt) {
            // A long string: cut at the first safe byte, then count its rest.
            if (this.dropping) {
              if (this.dropByte(c, i)) {
                this.elementParts.push(Buffer.from(`${cutMarkJson(this.droppedChars)}"`));
                this.dropping = false;
                this.elementInString = false;
                elementFrom = i + 1;
              }
            } else if (this.elementEscaped) this.escape(c, i);
            else if (c === QUOTE) this.elementInString = false;
            else if (this.safeCut(c, i)) {
              this.elementParts.push(Buffer.from(chunk.subarray(elementFrom, i)));
              elementFrom = -1;
              cutAt = -1;
              this.startDropping(c, i);
            } else if (c === BACKSLASH) this.elementEscaped = true;
            continue;
          }
          if (this.elementEscaped) this.escape(c, i);
          else if (c === BACKSLASH) this.elementEscaped = true;
          else if (c === QUOTE) this.elementInString = false;
          continue;
        }
        if (c === QUOTE) {
          this.elementInString = true;
          cutAt = collect ? i + STREAMED_STRING_KEEP_BYTES : Infinity;
          this.stringCutAt = this.offset + cutAt;
        } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          if (++this.elementDepth + this.frames.length > MAX_DEPTH)
            this.fail(`nested more than ${MAX_DEPTH} levels deep`, i);
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
        if (i > cutAt) {
          if (this.dropping) {
            if (this.dropByte(c, i)) {
              this.handlers.skeleton!(Buffer.from(`${cutMarkJson(this.droppedChars)}"`));
              this.dropping = false;
              this.inString = false;
              skeletonFrom = i + 1;
            }
            continue;
          }
          if (!this.escaped && c !== QUOTE && this.safeCut(c, i)) {
            if (skeletonFrom >= 0) this.handlers.skeleton!(chunk.subarray(skeletonFrom, i));
            skeletonFrom = -1;
            cutAt = -1;
            this.startDropping(c, i);
            continue;
          }
        }
        if (this.escaped) this.escape(c, i);
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
        // Keys are never cut; values only where the skeleton is kept.
        cutAt = this.handlers.skeleton && !this.keyParts ? i + STREAMED_STRING_KEEP_BYTES : Infinity;
        this.stringCutAt = this.offset + cutAt;
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
    if (this.handlers.skeleton && skeletonFrom >= 0 && skeletonFrom < chunk.length)
      this.handlers.skeleton(chunk.subarray(skeletonFrom));
    if (this.keyParts && this.inString) this.keyParts.push(Buffer.from(chunk.subarray(keyFrom)));
    if (collect && this.elementDepth >= 0 && elementFrom >= 0)
      this.elementParts.push(Buffer.from(chunk.subarray(elementFrom)));
    this.offset += chunk.length;
  }

  /** After the last chunk: throws when the document is empty or ends inside a value. */
  end(): void {
    if (this.first || !this.sawValue) throw new ParseError(`${this.what} is empty`, { offset: 0 });
    if (this.streamedFrame || this.inString || this.frames.length)
      this.fail('the document ends before it is complete', 0);
  }

  private setKey(text: string, at: number): void {
    try {
      this.frames.at(-1)!.key = JSON.parse(text) as string;
    } catch {
      this.fail('a malformed object key', at);
    }
  }

  /** The byte after a backslash: remembers where a `\uXXXX` escape ends. */
  private escape(c: number, i: number): void {
    this.elementEscaped = this.escaped = false;
    if (c === LETTER_U) this.hexEnd = this.offset + i + 4;
  }

  /** Whether a string may be cut before c: not inside an escape nor a UTF-8 sequence. */
  private safeCut(c: number, i: number): boolean {
    return this.offset + i > this.hexEnd && (c & 0xc0) !== 0x80;
  }

  private startDropping(first: number, i: number): void {
    this.dropping = true;
    this.droppedChars = 0;
    this.dropByte(first, i);
  }

  /** Counts a dropped byte as UTF-16 characters (as String.length does); true at the closing quote. */
  private dropByte(c: number, i: number): boolean {
    if (this.elementEscaped || this.escaped) {
      this.escape(c, i);
      return false;
    }
    if (this.offset + i <= this.hexEnd) return false;
    if (c === QUOTE) return true;
    if (c === BACKSLASH) {
      if (this.streamedFrame) this.elementEscaped = true;
      else this.escaped = true;
      this.droppedChars++;
    } else if ((c & 0xc0) !== 0x80) this.droppedChars += c >= 0xf0 ? 2 : 1;
    return false;
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
