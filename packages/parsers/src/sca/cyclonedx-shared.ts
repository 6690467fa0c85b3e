import type { ParsedFinding, Severity } from '../parser.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { parseCvss3 } from '../common/cvss3.ts';
import { pyCapitalize } from './dojo-format.ts';

/** Rules shared by the CycloneDX JSON and XML readers (DefectDojo's Cyclonedxhelper). */

/** Rating severity word → severity: "unknown"/"none" become Info; a missing one is Medium. */
export function fixSeverity(raw: string | undefined): Severity {
  if (raw === undefined) return 'Medium';
  const word = pyCapitalize(raw.trim());
  if (word === 'Unknown' || word === 'None') return 'Info';
  return normalizeSeverity(word, 'Medium');
}

/** CVSS v3 vector of a rating; a vector without the "CVSS:3.x/" prefix is read as 3.1. */
export function ratingCvss3(vector: string | undefined) {
  if (!vector) return undefined;
  return parseCvss3(vector.startsWith('CVSS:3') ? vector : `CVSS:3.1/${vector}`);
}

/** Applies a CVSSv3 rating: the vector is kept, and its severity word (or the vector's) wins. */
export function applyCvssRating(
  finding: ParsedFinding,
  vector: string | undefined,
  severity: string | undefined,
): void {
  const cvss = ratingCvss3(vector);
  if (!cvss) return;
  finding.cvssv3 = cvss.vector;
  finding.cvssv3Score = cvss.baseScore;
  finding.severity = severity ? fixSeverity(severity) : cvss.severity;
}

/** analysis.state: resolved/not_affected → mitigated, false_positive → false positive; detail noted. */
export function applyAnalysis(finding: ParsedFinding, state: string | undefined, detail: string | undefined): void {
  if (!state) return;
  if (state === 'resolved' || state === 'resolved_with_pedigree' || state === 'not_affected') {
    finding.mitigated = true;
    finding.active = false;
  } else if (state === 'false_positive') {
    finding.falsePositive = true;
    finding.active = false;
  }
  if (finding.active === false && detail) {
    finding.mitigation =
      `${finding.mitigation ?? ''}\n**This vulnerability is mitigated and/or ` + `suppressed:** ${detail}\n`;
  }
}
