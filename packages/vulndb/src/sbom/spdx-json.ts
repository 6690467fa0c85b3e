// SPDX 2.3 JSON → the inventory. Packages become components (purl from a PACKAGE-MANAGER purl
// reference), DEPENDS_ON/CONTAINS and the *_DEPENDENCY_OF relationships become dependency edges
// (the latter reversed), DESCRIBES (or documentDescribes) names the root.
import { type SpdxDocument, type SpdxPackage, ZSpdxDocument } from '@vigil/contract';
import { componentIdentity } from './component-identity.ts';
import {
  type ComponentHash,
  type ComponentLicense,
  type DependencyEdge,
  SBOM_LIMITS,
  type SbomComponent,
  type SbomInventory,
  SbomValidationError,
} from './inventory.ts';
import { licenseFromExpression } from './spdx-license.ts';

const FORWARD = new Set(['DEPENDS_ON', 'CONTAINS', 'DYNAMIC_LINK', 'STATIC_LINK']);
const REVERSED = new Set([
  'DEPENDENCY_OF',
  'CONTAINED_BY',
  'BUILD_DEPENDENCY_OF',
  'DEV_DEPENDENCY_OF',
  'OPTIONAL_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'TEST_DEPENDENCY_OF',
]);

function hashAlgorithm(algorithm: string): string {
  // CycloneDX's names, so hashes compare across formats: SHA256 → SHA-256, SHA3-256 and BLAKE stay.
  return /^SHA\d+$/.test(algorithm) ? `SHA-${algorithm.slice(3)}` : algorithm;
}

function licenses(pkg: SpdxPackage): ComponentLicense[] {
  const out: ComponentLicense[] = [];
  for (const [field, acknowledgement] of [
    ['licenseDeclared', 'declared'],
    ['licenseConcluded', 'concluded'],
  ] as const) {
    const value = pkg[field];
    if (value === undefined || value === 'NOASSERTION' || value === 'NONE') continue;
    out.push(licenseFromExpression(value, acknowledgement));
  }
  return out;
}

function componentOf(pkg: SpdxPackage, index: number, warnings: string[]): SbomComponent {
  const purlRef = pkg.externalRefs?.find(
    (ref) => ref.referenceType === 'purl' && ref.referenceCategory.startsWith('PACKAGE'),
  );
  const identity = componentIdentity(purlRef?.referenceLocator, null, pkg.name, (message) =>
    warnings.push(`/packages/${index}/externalRefs: ${message}`),
  );
  const hashes: ComponentHash[] = (pkg.checksums ?? []).map((checksum) => ({
    alg: hashAlgorithm(checksum.algorithm),
    value: checksum.checksumValue.toLowerCase(),
  }));
  return {
    bomRef: pkg.SPDXID,
    type: (pkg.primaryPackagePurpose ?? 'LIBRARY').toLowerCase(),
    name: pkg.name,
    group: null,
    version: pkg.versionInfo ?? null,
    ...identity,
    scope: null,
    hashes,
    licenses: licenses(pkg),
  };
}

function parseDocument(document: unknown): SpdxDocument {
  const parsed = ZSpdxDocument.safeParse(document);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path.map((segment) => `/${String(segment)}`).join('');
  throw new SbomValidationError(path, issue.message);
}

/** The inventory of an SPDX 2.3 JSON document; throws SbomValidationError with the first error's path. */
export function inventoryOfSpdx(document: unknown): SbomInventory {
  const spdx = parseDocument(document);
  const packages = spdx.packages ?? [];
  if (packages.length > SBOM_LIMITS.maxComponents) {
    throw new SbomValidationError('/packages', `more than ${SBOM_LIMITS.maxComponents} packages`);
  }
  const warnings: string[] = [];
  const ids = new Set<string>();
  const components = packages.map((pkg, index) => {
    if (ids.has(pkg.SPDXID)) {
      throw new SbomValidationError(`/packages/${index}/SPDXID`, `"${pkg.SPDXID}" is not unique in the document`);
    }
    ids.add(pkg.SPDXID);
    return componentOf(pkg, index, warnings);
  });
  const edges: DependencyEdge[] = [];
  const seen = new Set<string>();
  let root = spdx.documentDescribes?.find((id) => ids.has(id)) ?? null;
  for (const relationship of spdx.relationships ?? []) {
    const { spdxElementId: a, relatedSpdxElement: b, relationshipType: type } = relationship;
    if (type === 'DESCRIBES' && a === 'SPDXRef-DOCUMENT' && ids.has(b)) root ??= b;
    const edge = FORWARD.has(type) ? { from: a, to: b } : REVERSED.has(type) ? { from: b, to: a } : undefined;
    if (edge === undefined || !ids.has(edge.from) || !ids.has(edge.to)) continue;
    const key = `${edge.from}\u0000${edge.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (edges.length >= SBOM_LIMITS.maxDependencyEdges) {
      throw new SbomValidationError('/relationships', `more than ${SBOM_LIMITS.maxDependencyEdges} dependency edges`);
    }
    edges.push(edge);
  }
  return {
    format: 'spdx',
    specVersion: '2.3',
    serialNumber: spdx.documentNamespace,
    rootRef: root,
    components,
    dependencies: edges,
    warnings,
  };
}
