import type { ParsedEndpoint, ParsedFinding, Severity } from '../parser.ts';
import { endpointFromParts } from '../common/endpoint-uri.ts';
import type { OccurrenceMap } from '../common/occurrences.ts';

/** Shared pieces of the Greenbone/OpenVAS XML and CSV readers (DefectDojo "OpenVAS Parser" v1 and v2). */

export const VALID_SEVERITIES = new Set<Severity>(['Info', 'Low', 'Medium', 'High', 'Critical']);

export function validSeverity(value: string | undefined): Severity | undefined {
  return value !== undefined && VALID_SEVERITIES.has(value as Severity) ? (value as Severity) : undefined;
}

/** The one endpoint an OpenVAS result is about, built up field by field. */
export interface Location {
  host?: string;
  port?: number;
  protocol?: string;
}

export function locationEndpoint(loc: Location): ParsedEndpoint[] {
  const endpoint = endpointFromParts({ host: loc.host, port: loc.port, protocol: loc.protocol });
  return endpoint ? [endpoint] : [];
}

export function locationKey(loc: Location): string {
  return `${loc.protocol ?? ''}://${loc.host ?? ''}:${loc.port ?? ''}`;
}

export function cleanupText(text: string): string {
  return text.replace(/\n {2}/g, ' ');
}

/** v2 per-result data that is folded into the finding at the end. */
export interface AuxData {
  references: string[];
  summary?: string;
  qod?: string;
  result?: string;
  fallbackScore?: number;
}

export function postprocess(finding: ParsedFinding, aux: AuxData): void {
  if (aux.summary) finding.description = `${finding.description ?? ''}\n**Summary**: ${cleanupText(aux.summary)}`;
  if (aux.qod) finding.description = `${finding.description ?? ''}\n**QoD**: ${aux.qod}`;
  if (aux.result) finding.evidence = `\`\`\`\n${cleanupText(aux.result).replace(/```/g, '')}\n\`\`\``;
  if (aux.references.length) finding.references = aux.references.map((r) => `- ${r}`).join('\n');
  if (aux.fallbackScore && finding.cvssv3Score === undefined) finding.cvssv3Score = aux.fallbackScore;
}

/** v2 in-report merge: same location + title + NVT OID + severity is one finding (occurrences counted). */
export function addV2(merged: OccurrenceMap, finding: ParsedFinding, loc: Location): void {
  const key = [locationKey(loc), finding.title, finding.vulnIdFromTool ?? '', finding.severity].join('|');
  merged.add(key, finding, (kept, repeat) => {
    if (repeat.evidence && repeat.evidence !== kept.evidence) {
      kept.evidence =
        `${kept.evidence ?? ''}\n---------------------------------------\n**Endpoint**: ` +
        `${loc.host ?? ''}\n${repeat.evidence}`;
    }
  });
}
