/**
 * Strings of a streamed JSON report longer than this (bytes of JSON source) are cut while they are
 * read, so one huge value (a 150 MB description) is never held whole. It is far above every
 * finding field's limit (the longest is 200,000 characters; a character takes at most 6 bytes of
 * source, as `\uXXXX`), so the importer still cuts where the field's limit says.
 */
export const STREAMED_STRING_KEEP_BYTES = 2 * 1024 * 1024;

// NUL never reaches storage (PostgreSQL text cannot hold it), so a mark cannot survive by accident.
const CUT_MARK = /\u0000vigil-cut:(\d+)\u0000/g;

/** The mark left where a long string was cut, as JSON source: how many characters were dropped. */
export function cutMarkJson(droppedChars: number): string {
  return `\\u0000vigil-cut:${droppedChars}\\u0000`;
}

/** A value without its cut marks, and how many characters the marks say were dropped from it. */
export function withoutCutMarks(value: string): { text: string; dropped: number } {
  if (!value.includes('\u0000')) return { text: value, dropped: 0 };
  let dropped = 0;
  const text = value.replace(CUT_MARK, (_, n: string) => {
    dropped += Number(n);
    return '';
  });
  return { text, dropped };
}
