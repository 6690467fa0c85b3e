import type { Parser } from '../parser.ts';
import { zapParser } from './zap.ts';
import { burpParser } from './burp.ts';
import { tenableParser } from './tenable.ts';
import { openvasParser, openvasV2Parser } from './openvas.ts';
import { nmapParser } from './nmap.ts';
import { niktoParser } from './nikto.ts';
import { acunetixParser } from './acunetix.ts';
import { qualysParser } from './qualys.ts';

/** Parsers of this family; each lives in its own file in this folder. */
export const dastParsers: Parser[] = [
  zapParser,
  burpParser,
  tenableParser,
  openvasParser,
  openvasV2Parser,
  nmapParser,
  niktoParser,
  acunetixParser,
  qualysParser,
];
