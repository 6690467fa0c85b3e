import type { Parser } from '../parser.ts';
import { anchoreEngineParser } from './anchore-engine.ts';
import { clairParser } from './clair.ts';
import { cyclonedxParser } from './cyclonedx.ts';
import { dependencyCheckParser } from './dependency-check.ts';
import { genericParser } from './generic.ts';
import { grypeParser } from './grype.ts';
import { npmAudit7Parser } from './npm-audit-7.ts';
import { sarifParser } from './sarif.ts';
import { snykParser } from './snyk.ts';
import { snykCodeParser } from './snyk-code.ts';
import { spdxParser } from './spdx.ts';
import { trivyParser } from './trivy.ts';

/** Parsers of this family; each lives in its own file in this folder. */
export const scaParsers: Parser[] = [
  sarifParser,
  cyclonedxParser,
  spdxParser,
  trivyParser,
  grypeParser,
  anchoreEngineParser,
  dependencyCheckParser,
  clairParser,
  npmAudit7Parser,
  snykParser,
  snykCodeParser,
  genericParser,
];
