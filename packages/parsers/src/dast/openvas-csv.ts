import { ParseError, type ParsedFinding } from '../parser.ts';
import { parseCsv } from '../common/csv.ts';
import { isoDate, toFloat } from '../common/fields.ts';
import { OccurrenceMap } from '../common/occurrences.ts';
import {
  addV2,
  cleanupText,
  locationEndpoint,
  locationKey,
  postprocess,
  validSeverity,
  type AuxData,
  type Location,
} from './openvas-common.ts';

/** Greenbone / OpenVAS CSV results export, column by column as DefectDojo's v1 and v2 readers do. */

function bool(value: string): boolean | undefined {
  const v = value.toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

function rowsOf(input: Buffer): Record<string, string>[] {
  const rows = parseCsv(input, 'OpenVAS CSV report');
  const header = rows.length ? Object.keys(rows[0]) : input.toString('utf8').split(/\r?\n/, 1)[0].split(',');
  if (!header.some((h) => h.replace(/^"|"$/g, '').trim().toLowerCase() === 'nvt name')) {
    throw new ParseError('Not an OpenVAS CSV report: missing the "NVT Name" column', { line: 1 });
  }
  return rows;
}

/** v1: one finding per row; only rows identical in endpoint, severity, title and description collapse. */
export function openvasCsvV1(input: Buffer): ParsedFinding[] {
  const out = new OccurrenceMap();
  for (const row of rowsOf(input)) {
    const f: ParsedFinding = {
      title: '',
      severity: 'Info',
      description: '',
      staticFinding: false,
      dynamicFinding: true,
    };
    const loc: Location = {};
    const ids: string[] = [];
    let ip: string | undefined;
    for (const [column, value] of Object.entries(row)) {
      const name = column.toLowerCase();
      if (name === 'ip') ip = value;
      switch (name) {
        case 'timestamp':
          f.date = isoDate(value);
          break;
        case 'nvt oid':
          ids.push(...(value.match(/CVE-\d{4}-\d{4,7}/g) ?? []));
          break;
        case 'cves':
          if (value.includes(',')) {
            f.description += `\n**All CVEs:** ${value}`;
            ids.push(...value.split(','));
          } else if (value) ids.push(value);
          break;
        case 'nvt name':
          f.title = value;
          break;
        case 'cweid':
          if (/^\d+$/.test(value)) f.cwe = Number(value);
          break;
        case 'hostname':
          if (value) loc.host = value.trim();
          break;
        case 'ip':
          if (!loc.host) loc.host = value.trim();
          break;
        case 'severity':
          f.severity = validSeverity(value) ?? 'Info';
          break;
        case 'cvss':
          if (value) f.cvssv3Score = toFloat(value);
          break;
        case 'summary':
          f.description = value;
          break;
        case 'solution':
          f.mitigation = value;
          break;
        case 'vulnerability insight':
          f.impact = value;
          break;
        case 'specific result':
          f.references = value;
          break;
        case 'active':
          f.active = bool(value);
          break;
        case 'verified':
          f.verified = bool(value);
          break;
        case 'falsepositive':
          f.falsePositive = bool(value);
          break;
        case 'port':
          if (/^\d+$/.test(value)) loc.port = Number(value);
          break;
        case 'port protocol':
          if (value) loc.protocol = value;
          break;
        default:
          break;
      }
    }
    if (ip) f.description += `\n**IP**: ${ip}`;
    if (ids.length) f.vulnerabilityIds = ids;
    f.endpoints = locationEndpoint(loc);
    out.addFirst([locationKey(loc), f.severity, f.title, f.description].join('|'), f);
  }
  return out.values();
}

/** v2: columns mapped like the XML reader; identical results on one endpoint are merged. */
export function openvasCsvV2(input: Buffer): ParsedFinding[] {
  const merged = new OccurrenceMap();
  for (const row of rowsOf(input)) {
    const f: ParsedFinding = {
      title: '',
      severity: 'Info',
      description: '',
      staticFinding: false,
      dynamicFinding: true,
    };
    const aux: AuxData = { references: [] };
    const loc: Location = {};
    const ids: string[] = [];
    for (const [column, value] of Object.entries(row)) {
      if (!value) continue;
      switch (column.toLowerCase()) {
        case 'nvt name':
          f.title = value;
          break;
        case 'cweid':
          if (/^\d+$/.test(value)) f.cwe = Number(value);
          break;
        case 'cves':
          ids.push(...value.split(','));
          break;
        case 'nvt oid':
          f.vulnIdFromTool = value;
          break;
        case 'hostname':
          loc.host = value.trim();
          break;
        case 'ip':
          if (!loc.host) loc.host = value.trim();
          break;
        case 'port':
          if (/^\d+$/.test(value)) loc.port = Number(value);
          break;
        case 'port protocol':
          loc.protocol = value;
          break;
        case 'severity':
          f.severity = validSeverity(value) ?? f.severity;
          break;
        case 'cvss':
          aux.fallbackScore = toFloat(value);
          break;
        case 'summary':
          aux.summary = value;
          break;
        case 'solution':
          f.mitigation = cleanupText(value);
          break;
        case 'vulnerability insight':
          f.impact = cleanupText(value);
          break;
        case 'specific result':
          aux.result = value;
          break;
        case 'qod':
          aux.qod = value;
          break;
        case 'max severity epss score':
          f.epssScore = toFloat(value);
          break;
        case 'max severity epss percentile':
          f.epssPercentile = toFloat(value);
          break;
        case 'timestamp':
          f.date = isoDate(value);
          break;
        case 'active':
          f.active = bool(value);
          break;
        case 'verified':
          f.verified = bool(value);
          break;
        case 'falsepositive':
          f.falsePositive = bool(value);
          break;
        case 'other references':
          aux.references = value.split(',');
          break;
        default:
          break;
      }
    }
    if (ids.length) f.vulnerabilityIds = ids;
    postprocess(f, aux);
    f.endpoints = locationEndpoint(loc);
    addV2(merged, f, loc);
  }
  return merged.values();
}
