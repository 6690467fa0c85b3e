// NVD reference tags → OSV reference types. A reference with several tags takes the most specific
// type (a patch is a FIX even when it is also a vendor advisory); untagged ones are WEB.
import { ZOsvReference } from '@vigil/contract';
import type { NvdCve } from './nvd-schema.ts';

type OsvReferenceType =
  | 'FIX'
  | 'ADVISORY'
  | 'EVIDENCE'
  | 'REPORT'
  | 'ARTICLE'
  | 'DISCUSSION'
  | 'DETECTION'
  | 'PACKAGE'
  | 'WEB';

const TAG_TYPES: Readonly<Record<string, OsvReferenceType>> = {
  Patch: 'FIX',
  'Vendor Advisory': 'ADVISORY',
  'Third Party Advisory': 'ADVISORY',
  'US Government Resource': 'ADVISORY',
  'VDB Entry': 'ADVISORY',
  Mitigation: 'ADVISORY',
  Exploit: 'EVIDENCE',
  'Issue Tracking': 'REPORT',
  'Technical Description': 'ARTICLE',
  'Press/Media Coverage': 'ARTICLE',
  'Mailing List': 'DISCUSSION',
  'Tool Signature': 'DETECTION',
  Product: 'PACKAGE',
};
const PRECEDENCE: readonly OsvReferenceType[] = [
  'FIX',
  'ADVISORY',
  'EVIDENCE',
  'REPORT',
  'ARTICLE',
  'DISCUSSION',
  'DETECTION',
  'PACKAGE',
  'WEB',
];

export interface NvdReferences {
  references: Array<{ type: OsvReferenceType; url: string }>;
  warnings: string[];
}

/** The CVE's references as OSV references, each URL once; one that is not a URI is left out with a warning. */
export function nvdReferences(cve: NvdCve): NvdReferences {
  const result: NvdReferences = { references: [], warnings: [] };
  const seen = new Set<string>();
  (cve.references ?? []).forEach((reference, index) => {
    if (seen.has(reference.url)) return;
    seen.add(reference.url);
    const types = (reference.tags ?? []).map((tag) => TAG_TYPES[tag] ?? 'WEB');
    const type = PRECEDENCE.find((t) => types.includes(t)) ?? 'WEB';
    const osv = { type, url: reference.url };
    if (ZOsvReference.safeParse(osv).success) result.references.push(osv);
    else result.warnings.push(`${cve.id} references[${index}]: "${reference.url.slice(0, 200)}" is not a URI`);
  });
  return result;
}
