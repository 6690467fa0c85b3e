import { STREAMED_STRING_KEEP_BYTES, cutMarkJson } from './long-strings.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const MB = 1024 * 1024;

/** Whether the bytes look like a JSON (or JSON Lines) document: `{` or `[` first, after a BOM and blanks. */
function looksLikeJson(b: Buffer): boolean {
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
