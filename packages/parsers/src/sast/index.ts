import type { Parser } from '../parser.ts';
import { banditParser } from './bandit.ts';
import { checkmarxDetailedParser, checkmarxParser } from './checkmarx.ts';
import { checkovParser } from './checkov.ts';
import { gitlabDepScanParser } from './gitlab-dep-scan.ts';
import { gitlabSastParser } from './gitlab-sast.ts';
import { gitlabSecretDetectionParser } from './gitlab-secret-detection.ts';
import { gitleaksParser } from './gitleaks.ts';
import { kicsParser } from './kics.ts';
import { nucleiParser } from './nuclei.ts';
import { semgrepParser } from './semgrep.ts';
import { sonarqubeDetailedParser, sonarqubeParser } from './sonarqube.ts';
import { trufflehogParser } from './trufflehog.ts';
import { trufflehog3Parser } from './trufflehog3.ts';
import { veracodeParser } from './veracode.ts';

/** Parsers of this family; each lives in its own file in this folder. */
export const sastParsers: Parser[] = [
  semgrepParser,
  banditParser,
  gitleaksParser,
  trufflehogParser,
  trufflehog3Parser,
  gitlabSastParser,
  gitlabDepScanParser,
  gitlabSecretDetectionParser,
  checkovParser,
  kicsParser,
  nucleiParser,
  sonarqubeParser,
  sonarqubeDetailedParser,
  checkmarxParser,
  checkmarxDetailedParser,
  veracodeParser,
];
