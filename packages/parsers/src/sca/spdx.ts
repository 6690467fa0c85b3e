import { ParseError, type ParsedFinding, type Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { asList, asRecord, asText, guardParseSync, has, type JsonRecord } from '../common/json-shape.ts';
import { isoDate } from '../common/fields.ts';
import { spdxTagValueDocument } from './spdx-document.ts';

/**
 * SPDX 2.2/2.3 SBOM. SPDX 2.x has no vulnerability container: as in DefectDojo, packages are
 * inventory and only SECURITY external references of an advisory type that name a CVE or GHSA
 * become findings — one per (package, vulnerability id).
 */
const ADVISORY_TYPES = new Set(['advisory', 'fix', 'url', 'swid']);
const IDENTITY_TYPES = new Set(['cpe22Type', 'cpe23Type']);
const VULN_ID =
  /(CVE-\d{4}-\d{4,})|(GHSA-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4})/gi;

/** A value without SPDX placeholders (NOASSERTION/NONE count as absent). */
function clean(value: unknown): string {
  const text = (asText(value) ?? '').trim();
  return ['NOASSERTION', 'NONE', ''].includes(text.toUpperCase()) ? '' : text;
}

interface Advisory {
  type: string;
  locator: string;
  comment: string;
}

function externalRefs(pkg: JsonRecord): JsonRecord[] {
  return asList(pkg.externalRefs)
    .map((r) => asRecord(r))
    .filter((r): r is JsonRecord => !!r);
}

function packagePurl(pkg: JsonRecord): string {
  const ref = externalRefs(pkg).find((r) => clean(r.referenceType) === 'purl');
  return ref ? clean(ref.referenceLocator) : '';
}

function securityRefs(pkg: JsonRecord, types: Set<string>): Advisory[] {
  return externalRefs(pkg)
    .filter((r) => clean(r.referenceCategory).toUpperCase() === 'SECURITY' && types.has(clean(r.referenceType)))
    .map((r) => ({ type: clean(r.referenceType), locator: clean(r.referenceLocator), comment: clean(r.comment) }))
    .filter((r) => r.locator);
}

function vulnerabilityIdsIn(text: string): string[] {
  return [...new Set([...text.matchAll(VULN_ID)].map((m) => m[0].toUpperCase()))];
}

function packageFindings(pkg: JsonRecord, date?: string): ParsedFinding[] {
  const advisories = securityRefs(pkg, ADVISORY_TYPES);
  if (!advisories.length) return [];
  const name = clean(pkg.name) || 'unknown component';
  const version = clean(pkg.versionInfo);
  const byId = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    for (const id of vulnerabilityIdsIn(`${advisory.locator} ${advisory.comment}`))
      byId.set(id, [...(byId.get(id) ?? []), advisory]);
  }
  const purl = packagePurl(pkg);
  const cpes = securityRefs(pkg, IDENTITY_TYPES).map((r) => r.locator);
  const license = clean(pkg.licenseConcluded) || clean(pkg.licenseDeclared);
  const supplier = clean(pkg.supplier);
  return [...byId.entries()].map(([id, refs]) => {
    const parts = [
      `The SBOM records a security advisory for **${name}${version ? ` ${version}` : ''}** referencing **${id}**.`,
    ];
    if (purl) parts.push(`**PURL:** ${purl}`);
    if (cpes.length) parts.push(`**CPE:** ${cpes.join(', ')}`);
    if (license) parts.push(`**License:** ${license}`);
    if (supplier) parts.push(`**Supplier:** ${supplier}`);
    parts.push(
      'SPDX carries no severity, CVSS score or fix version for an advisory reference, so this finding records the ' +
        'association only.',
    );
    const lines = [...new Set(refs.map((r) => `**${r.type}:** ${r.locator}${r.comment ? ` (${r.comment})` : ''}`))];
    return {
      title: version ? `${name}:${version} | ${id}` : `${name} | ${id}`,
      description: parts.join('\n\n'),
      severity: 'Medium',
      mitigation:
        `Review the referenced advisory for ${id} and upgrade ${name} to a release that resolves it. SPDX ` +
        `does not carry fixed-version information.`,
      references: lines.join('\n'),
      componentName: name,
      componentVersion: version || undefined,
      purl: purl || undefined,
      staticFinding: true,
      dynamicFinding: false,
      vulnIdFromTool: id,
      uniqueIdFromTool: `${asText(pkg.SPDXID) ?? name}|${id}`,
      vulnerabilityIds: [id],
      date,
    } satisfies ParsedFinding;
  });
}

function spdxFindings(doc: unknown): { findings: ParsedFinding[]; scanDate?: string } {
  const root = asRecord(doc);
  if (!root) throw new ParseError('Not an SPDX document: expected a JSON object', { path: '$' });
  const version = clean(root.spdxVersion);
  if (version.startsWith('SPDX-3') || (!version && (has(root, '@graph') || has(root, '@context')))) {
    throw new ParseError(
      `SPDX 3.x JSON-LD is not supported${version ? ` (${version})` : ''}; export SPDX 2.2/2.3 JSON or tag-value`,
      { path: 'spdxVersion' },
    );
  }
  if (!version && !has(root, 'packages') && !has(root, 'SPDXID')) {
    throw new ParseError('Not an SPDX document: missing "spdxVersion" and "packages"', { path: '$' });
  }
  const scanDate = isoDate(clean(asRecord(root.creationInfo)?.created));
  const unique = new Map<string, ParsedFinding>();
  for (const item of asList(root.packages)) {
    const pkg = asRecord(item);
    if (!pkg) continue;
    for (const finding of packageFindings(pkg, scanDate)) {
      if (!unique.has(finding.uniqueIdFromTool as string)) unique.set(finding.uniqueIdFromTool as string, finding);
    }
  }
  return { findings: [...unique.values()], scanDate };
}

/** SPDX 2.2/2.3 SBOM, JSON or tag-value (DefectDojo "SPDX Scan"). */
export const spdxParser: Parser = {
  id: 'spdx',
  scanTypes: ['SPDX Scan'],
  description: 'SPDX 2.2/2.3 SBOM (JSON or tag-value); security advisory references become findings.',
  fileTypes: ['json', 'spdx'],
  dedup: { algorithm: 'legacy', hashFields: ['title', 'cwe', 'line', 'filePath', 'description'] },
  parse(input, ctx) {
    const text = input.toString('utf8').replace(/^\uFEFF/, '');
    const looksJson = /^\s*[[{]/.test(text) || /\.json$/i.test(ctx.filename ?? '');
    if (!looksJson) {
      if (!/^\s*(SPDXVersion|PackageName|DocumentName|SPDXID|##)/m.test(text)) {
        throw new ParseError('Not an SPDX document: neither JSON nor SPDX tag-value ("SPDXVersion: ...")', { line: 1 });
      }
      return guardParseSync('SPDX tag-value document', () => spdxFindings(spdxTagValueDocument(text)));
    }
    const doc = parseJson(text, 'SPDX JSON document');
    return guardParseSync('SPDX JSON document', () => spdxFindings(doc));
  },
};
