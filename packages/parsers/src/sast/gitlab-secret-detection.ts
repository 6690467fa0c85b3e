import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asRecord, asText, guardParseSync, type JsonRecord } from '../common/json-shape.ts';
import { isoDate, toInt } from '../common/fields.ts';
import { normalizeSeverity } from '../common/severity.ts';
import { gitlabIdentifiers, gitlabVulnerabilities } from './gitlab-report.ts';

/** GitLab Secret Detection report (gl-secret-detection-report.json): one finding per vulnerability. */

const WHAT = 'GitLab Secret Detection report';
const DETECTED = 'detected; please remove and revoke it if this is a leak.';

function secretFinding(vuln: JsonRecord, path: string, date: string | undefined): ParsedFinding {
  const id = asText(vuln.id);
  if (id === undefined) throw new ParseError(`${WHAT}: ${path} lacks "id"`, { path });
  let title = asText(vuln.message) ?? asText(vuln.name) ?? '';
  if (!title.includes(DETECTED)) title = `${title} ${DETECTED}`;
  const location = asRecord(vuln.location) ?? {};
  let description = asText(vuln.description) ?? '';
  const extract = asText(vuln.raw_source_code_extract);
  if (extract !== undefined) description += `\n${extract}`;
  const severity = asText(vuln.severity);
  return {
    title,
    description,
    severity: severity === 'Unknown' ? 'Info' : normalizeSeverity(severity, 'Info'),
    date,
    filePath: asText(location.file),
    line: toInt(location.start_line),
    cwe: gitlabIdentifiers(vuln).cwe,
    uniqueIdFromTool: id,
    staticFinding: true,
    dynamicFinding: false,
  };
}

export const gitlabSecretDetectionParser: Parser = {
  id: 'gitlab-secret-detection',
  scanTypes: ['GitLab Secret Detection Report'],
  description: 'GitLab Secret Detection report JSON (gl-secret-detection-report.json).',
  fileTypes: ['json'],
  dedup: { algorithm: 'hash_code', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input) {
    const doc = parseJson(input, WHAT);
    return guardParseSync(WHAT, () => {
      const { report, vulnerabilities } = gitlabVulnerabilities(doc, WHAT);
      const date = isoDate(asRecord(report.scan)?.end_time);
      const findings = vulnerabilities.map((vuln, i) => secretFinding(vuln, `vulnerabilities[${i}]`, date));
      return { findings, scanDate: date };
    });
  },
};
