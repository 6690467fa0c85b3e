import { ParseError, type ParsedFinding } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync } from '../common/json-shape.ts';
import { isoDate, parseCwe, toInt } from '../common/fields.ts';
import { normalizeSeverity } from '../common/severity.ts';

/**
 * The JSON export accepted under "Checkmarx Scan": scanResults.<type>.languages[].queries[]
 * .vulnerabilities[], one finding per vulnerability, placed at its last node (no aggregation).
 */
export function checkmarxJsonFindings(input: Buffer): ParsedFinding[] {
  const doc = parseJson(input, 'Checkmarx JSON report');
  return guardParseSync('Checkmarx JSON report', () => {
    const report = asRecord(doc);
    const scanResults = asRecord(report?.scanResults);
    if (!report || !scanResults)
      throw new ParseError('Not a Checkmarx JSON report: missing scanResults object', { path: '$' });
    const findings: ParsedFinding[] = [];
    for (const [resultType, block] of Object.entries(scanResults)) {
      for (const language of asList(asRecord(block)?.languages)) {
        for (const queryEntry of asList(asRecord(language)?.queries)) {
          const query = asRecord(queryEntry) ?? {};
          const title = (asText(query.queryName) ?? '').replace(/_/g, ' ');
          for (const entry of asList(query.vulnerabilities)) {
            const vuln = asRecord(entry) ?? {};
            const nodes = asList(vuln.nodes);
            const last = asRecord(nodes[nodes.length - 1]);
            const status = asText(vuln.status);
            findings.push({
              title,
              description: asText(query.description) ?? '',
              date: isoDate(vuln.firstFoundDate),
              severity: normalizeSeverity(vuln.severity, 'Info'),
              active: status !== 'Not exploitable',
              verified: status !== 'To verify',
              cwe: parseCwe(vuln.cweId),
              staticFinding: resultType === 'sast',
              dynamicFinding: false,
              uniqueIdFromTool: asText(vuln.id),
              filePath: asText(last?.fileName),
              line: toInt(last?.line),
              tags: [resultType],
            });
          }
        }
      }
    }
    return findings;
  });
}
