import type { ParsedFinding, Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { toInt } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';
import {
  gitlabIdentifiers,
  gitlabSeverity,
  gitlabTitle,
  gitlabUniqueId,
  gitlabVulnerabilities,
  scannerName,
} from './gitlab-report.ts';

/**
 * GitLab SAST report (gl-sast-report.json). One finding per vulnerability; entries sharing an
 * id replace each other (the last one wins), as DefectDojo keys its findings by that id.
 */

const WHAT = 'GitLab SAST report';

function sastFinding(vuln: JsonRecord, report: JsonRecord, path: string): ParsedFinding {
  const uniqueId = gitlabUniqueId(vuln, path, WHAT);
  const { severity, title } = gitlabSeverity(vuln, gitlabTitle(vuln, uniqueId));
  let description = `Scanner: ${scannerName({}, report)}\n`;
  if ('message' in vuln) description += `${asText(vuln.message) ?? ''}\n`;
  if ('description' in vuln) description += `${asText(vuln.description) ?? ''}\n`;
  const location = asRecord(vuln.location) ?? {};
  const line = 'end_line' in location ? toInt(location.end_line) : toInt(location.start_line);
  const ids = gitlabIdentifiers(vuln);
  return {
    title,
    description,
    severity,
    mitigation: asText(vuln.solution) ?? '',
    references: ids.references,
    uniqueIdFromTool: uniqueId,
    filePath: asText(location.file),
    line,
    cwe: ids.cwe,
    vulnerabilityIds: ids.cve ? [ids.cve] : undefined,
    staticFinding: true,
    dynamicFinding: false,
  };
}

export const gitlabSastParser: Parser = {
  id: 'gitlab-sast',
  scanTypes: ['GitLab SAST Report'],
  description: 'GitLab SAST report JSON (gl-sast-report.json).',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    const doc = parseJson(input, WHAT);
    return guardParseSync(WHAT, () => {
      const { report, vulnerabilities } = gitlabVulnerabilities(doc, WHAT);
      const byId = new OccurrenceMap();
      vulnerabilities.forEach((vuln, i) => {
        const finding = sastFinding(vuln, report, `vulnerabilities[${i}]`);
        byId.set(finding.uniqueIdFromTool as string, finding);
      });
      const scanner = asRecord(asRecord(report.scan)?.scanner);
      return { findings: byId.values(), toolName: asText(scanner?.name) };
    });
  },
};
