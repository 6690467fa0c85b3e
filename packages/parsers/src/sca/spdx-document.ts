import type { JsonRecord } from '../common/json-shape.ts';

/** SPDX 2.x tag-value text converted into the JSON document shape (packages + external refs). */
export function spdxTagValueDocument(content: string): JsonRecord {
  const creationInfo: JsonRecord = {};
  const packages: JsonRecord[] = [];
  const document: JsonRecord = { spdxVersion: '', creationInfo, packages };
  const simple: Record<string, string> = {
    SPDXID: 'SPDXID',
    PackageVersion: 'versionInfo',
    PackageLicenseConcluded: 'licenseConcluded',
    PackageLicenseDeclared: 'licenseDeclared',
    PackageSupplier: 'supplier',
    PackageOriginator: 'originator',
    PackageDownloadLocation: 'downloadLocation',
    PackageDescription: 'description',
  };
  let current: JsonRecord | undefined;
  let lastRef: JsonRecord | undefined;
  for (const raw of content.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || !line.includes(':')) continue;
    const colon = line.indexOf(':');
    const tag = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (tag === 'PackageName') {
      current = { name: value, externalRefs: [], checksums: [] };
      packages.push(current);
      lastRef = undefined;
      continue;
    }
    if (!current) {
      if (tag === 'SPDXVersion') document.spdxVersion = value;
      else if (tag === 'Created') creationInfo.created = value;
      else if (tag === 'DocumentName') document.name = value;
      else if (tag === 'SPDXID') document.SPDXID = value;
      continue;
    }
    if (simple[tag]) {
      current[simple[tag]] = value;
      lastRef = undefined;
    } else if (tag === 'PackageChecksum') {
      lastRef = undefined;
    } else if (tag === 'ExternalRef') {
      const parts = value.split(/\s+/);
      if (parts.length >= 3) {
        lastRef = { referenceCategory: parts[0], referenceType: parts[1], referenceLocator: parts.slice(2).join(' ') };
        (current.externalRefs as JsonRecord[]).push(lastRef);
      } else lastRef = undefined;
    } else if (tag === 'ExternalRefComment' && lastRef) {
      lastRef.comment = value;
      lastRef = undefined;
    }
  }
  return document;
}
