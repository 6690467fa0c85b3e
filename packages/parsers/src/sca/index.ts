import type { Parser } from '../parser.ts';

/** Parsers of this family; each lives in its own file in this folder. */
export const scaParsers: Parser[] = [];
