import type { Parser } from './parser.ts';
import { scaParsers } from './sca/index.ts';
import { sastParsers } from './sast/index.ts';
import { dastParsers } from './dast/index.ts';

export const parsers: Parser[] = [...scaParsers, ...sastParsers, ...dastParsers];

const byScanType = new Map<string, Parser>();
for (const p of parsers) for (const t of p.scanTypes) byScanType.set(t.toLowerCase(), p);

/** Finds the parser for a DefectDojo scan-type name (case-insensitive). */
export function parserForScanType(scanType: string): Parser | undefined {
  return byScanType.get(scanType.trim().toLowerCase());
}

/** All supported scan-type names, sorted. */
export function supportedScanTypes(): Array<{ name: string; parser: Parser }> {
  return [...byScanType.entries()]
    .map(([, parser]) => parser)
    .flatMap((parser) => parser.scanTypes.map((name) => ({ name, parser })))
    .filter((v, i, all) => all.findIndex((o) => o.name === v.name) === i)
    .sort((a, b) => a.name.localeCompare(b.name));
}
