import { STREAMED_STRING_KEEP_BYTES, cutMarkJson } from './long-strings.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const MB = 1024 * 1024;

/** Whether the bytes look like a JSON (or JSON Lines) document: `{` or `[` first, after a BOM and blanks. */
export function looksLikeJson(b: Buffer): boolean {
  let i = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return b[i] === 0x7b || b[i] === 0x5b;
}

/**
 * Cuts every JSON string longer than `keepBytes` (bytes of source) in a report parsed whole, before
 * JSON.parse, as the streaming scanner (json-scan.ts) does for streamed reports: the string keeps its
 * first `keepBytes` and a cut mark saying exactly how many characters (UTF-16 units, as
 * String.length counts them: `\uXXXX` and `\n` are one, a 4-byte UTF-8 sequence two) were dropped.
 * The cut is never inside an escape nor a UTF-8 sequence.
 *
 * Works IN PLACE (cutting only shortens, so the write position never passes the read position):
 * no second copy of the report is built. The caller must own `bytes` (a fresh buffer, never the
 * one kept as the original report); the answer is a view of its first, compacted bytes. Yields to
 * the event loop once per MB read. Anything that does not start like JSON is returned untouched.
 */
export async function cutLongJsonStrings(bytes: Buffer, keepBytes = STREAMED_STRING_KEEP_BYTES): Promise<Buffer> {
  if (bytes.length <= keepBytes || !looksLikeJson(bytes)) return bytes;
  const n = bytes.length;
  let w = 0;
  let inString = false;
  let escaped = false;
  let hexLeft = 0;
  let kept = 0; // bytes of the current string kept so far
  let cutAt = -1; // read offset where the current string's cut began (-1: not cutting)
  let cutW = 0; // write offset at the cut
  let dropped = 0; // characters dropped from the current string
  let nextYield = MB;
  for (let r = 0; r < n; r++) {
    if (r >= nextYield) {
      nextYield += MB;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const c = bytes[r]!;
    if (!inString) {
      if (c === QUOTE) {
        inString = true;
        kept = 0;
      }
      if (w !== r) bytes[w] = c;
      w++;
      continue;
    }
    if (cutAt < 0 && kept >= keepBytes && hexLeft === 0 && !escaped && c !== QUOTE && (c & 0xc0) !== 0x80) {
      cutAt = r;
      cutW = w;
      dropped = 0;
    }
    if (cutAt >= 0) {
      // Dropping: count characters until the closing quote.
      if (hexLeft > 0) hexLeft--;
      else if (escaped) {
        escaped = false;
        if (c === LETTER_U) hexLeft = 4;
      } else if (c === BACKSLASH) {
        escaped = true;
        dropped++;
      } else if (c === QUOTE) {
        const mark = Buffer.from(`${cutMarkJson(dropped)}"`);
        if (r + 1 - cutAt > mark.length) w = cutW + mark.copy(bytes, cutW);
        else w = cutW + bytes.copy(bytes, cutW, cutAt, r + 1); // a rest shorter than the mark stays
        inString = false;
        cutAt = -1;
      } else if ((c & 0xc0) !== 0x80) dropped += c >= 0xf0 ? 2 : 1;
      continue;
    }
    if (w !== r) bytes[w] = c;
    w++;
    kept++;
    if (hexLeft > 0) hexLeft--;
    else if (escaped) {
      escaped = false;
      if (c === LETTER_U) hexLeft = 4;
    } else if (c === BACKSLASH) escaped = true;
    else if (c === QUOTE) inString = false;
  }
  // An unterminated string (malformed JSON): keep what was read so JSON.parse names the error.
  if (cutAt >= 0) w = cutW + bytes.copy(bytes, cutW, cutAt, Math.min(n, cutAt + 16));
  return w === n ? bytes : bytes.subarray(0, w);
}

/** Longer than any cut mark: a dropped rest up to this long is remembered, in case it is shorter than the mark. */
const REST_MAX = 64;

/**
 * The same cut, chunk by chunk as a report is read, so a huge string is never held at all: `push`
 * answers the chunk's kept bytes as views of it (no copy) and the cut marks as small buffers; the
 * caller concatenates them. Counting is exact, as cutLongJsonStrings's.
 */
export class JsonStringCutter {
  private inString = false;
  private escaped = false;
  private hexLeft = 0;
  private kept = 0;
  private cutting = false;
  private dropped = 0;
  /** The dropped bytes while there are at most REST_MAX of them (a rest shorter than the mark stays). */
  private rest: Buffer[] = [];
  private restBytes = 0;

  constructor(private readonly keepBytes = STREAMED_STRING_KEEP_BYTES) {}

  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let from = 0; // start of the kept range, or of the dropped range while cutting
    for (let r = 0; r < chunk.length; r++) {
      const c = chunk[r]!;
      if (!this.inString) {
        if (c === QUOTE) {
          this.inString = true;
          this.kept = 0;
        }
        continue;
      }
      if (
        !this.cutting &&
        this.kept >= this.keepBytes &&
        this.hexLeft === 0 &&
        !this.escaped &&
        c !== QUOTE &&
        (c & 0xc0) !== 0x80
      ) {
        if (r > from) out.push(chunk.subarray(from, r));
        this.cutting = true;
        this.dropped = 0;
        this.rest = [];
        this.restBytes = 0;
        from = r;
      }
      if (this.cutting) {
        if (this.hexLeft > 0) this.hexLeft--;
        else if (this.escaped) {
          this.escaped = false;
          if (c === LETTER_U) this.hexLeft = 4;
        } else if (c === BACKSLASH) {
          this.escaped = true;
          this.dropped++;
        } else if (c === QUOTE) {
          const mark = Buffer.from(`${cutMarkJson(this.dropped)}"`);
          if (this.restBytes + (r + 1 - from) > mark.length) out.push(mark);
          else out.push(...this.rest, chunk.subarray(from, r + 1));
          this.cutting = false;
          this.inString = false;
          this.rest = [];
          from = r + 1;
        } else if ((c & 0xc0) !== 0x80) this.dropped += c >= 0xf0 ? 2 : 1;
        continue;
      }
      this.kept++;
      if (this.hexLeft > 0) this.hexLeft--;
      else if (this.escaped) {
        this.escaped = false;
        if (c === LETTER_U) this.hexLeft = 4;
      } else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) this.inString = false;
    }
    if (this.cutting) {
      this.restBytes += chunk.length - from;
      if (this.restBytes <= REST_MAX) this.rest.push(Buffer.from(chunk.subarray(from)));
      else this.rest = [];
    } else if (from < chunk.length) out.push(from === 0 ? chunk : chunk.subarray(from));
    return out;
  }

  /** An unterminated string's rest, as far as it was remembered (JSON.parse then names the error). */
  end(): Buffer[] {
    return this.cutting ? this.rest : [];
  }
}
