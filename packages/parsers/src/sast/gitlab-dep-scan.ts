import type { ParsedFinding, Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
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
 * GitLab Dependency Scanning report (gl-dependency-scanning-report.json). Entries whose category
 * is not "dependency_scanning" are skipped (schemas from 15.0 on drop the field; those entries
 * are kept); entries sharing an id replace each other, as in DefectDojo.
 */

const WHAT = 'GitLab Dependency Scanning report';

function depFinding(vuln: JsonRecord, report: JsonRecord, path: string): ParsedFinding | undefined {
  if ('category' in vuln && vuln.category !== 'dependency_scanning') return undefined;
  const uniqueId = gitlabUniqueId(vuln, path, WHAT);
  const { severity, title } = gitlabSeverity(vuln, gitlabTitle(vuln, uniqueId));
  let description = `Scanner: ${scannerName(vuln, report)}\n`;
  if ('message' in vuln) description += `${asText(vuln.message) ?? ''}\n`;
  if ('description' in vuln) description += `${asText(vuln.description) ?? ''}\n`;
  const location = asRecord(vuln.location) ?? {};
  const dependency = asRecord(location.dependency);
  const ids = gitlabIdentifiers(vuln);
  return {
    title: ids.cve ? `${ids.cve}: ${title}` : title,
    description,
    severity,
    mitigation: asText(vuln.solution) ?? '',
    references: ids.references,
    uniqueIdFromTool: uniqueId,
    filePath: asText(location.file),
    componentName: asText(asRecord(dependency?.package)?.name),
    componentVersion: asText(dependency?.version),
    cwe: ids.cwe,
    vulnerabilityIds: ids.cve ? [ids.cve] : undefined,
    staticFinding: true,
    dynamicFinding: false,
  };
}

export const gitlabDepScanParser: Parser = {
  id: 'gitlab-dependency-scanning',
  scanTypes: ['GitLab Dependency Scanning Report'],
  description: 'GitLab Dependency Scanning report JSON (gl-dependency-scanning-report.json).',
  fileTypes: ['json'],
  dedup: {
    algorithm: 'hash_code',
    hashFields: ['title', 'vulnerabilityIds', 'filePath', 'componentName', 'componentVersion'],
  },
  parse(input) {
    const doc = parseJson(input, WHAT);
    return guardParseSync(WHAT, () => {
      const { report, vulnerabilities } = gitlabVulnerabilities(doc, WHAT);
      const byId = new OccurrenceMap();
      vulnerabilities.forEach((vuln, i) => {
        const finding = depFinding(vuln, report, `vulnerabilities[${i}]`);
        if (finding) byId.set(finding.uniqueIdFromTool as string, finding);
      });
      return { findings: byId.values() };
    });
  },
};
