// The normalized inventory every SBOM format is read into: components (with the purl type and the
// name as its ecosystem compares names, the key matching looks components up by), licences with
// their SPDX expressions parsed, and dependency edges between components.

/** How large an SBOM Vigil reads; the API, the CLI and the parsers share these (docs/vulndb.md). */
export const SBOM_LIMITS = {
  /** Bytes of one SBOM document. */
  maxBytes: 64 * 1024 * 1024,
  /** Components in one SBOM, nested ones included. */
  maxComponents: 100_000,
  /** Dependency edges in one SBOM. */
  maxDependencyEdges: 1_000_000,
  /** Licence entries on one component. */
  maxLicensesPerComponent: 100,
} as const;

export type SbomFormat = 'cyclonedx' | 'spdx';

export type ComponentScope = 'required' | 'optional' | 'excluded';

export interface ComponentHash {
  /** The algorithm as CycloneDX names it (`SHA-256`, `MD5`, `BLAKE2b-256`, …). */
  alg: string;
  /** Lower-case hex. */
  value: string;
}

export interface ComponentLicense {
  /** An SPDX expression in canonical spacing, or null for a licence known only by its name. */
  expression: string | null;
  /** The SPDX licence ids (and LicenseRef-s) the expression names, in order of appearance. */
  ids: string[];
  /** A licence name that is not an SPDX id, or an expression that does not parse (kept as written). */
  name: string | null;
  /** CycloneDX 1.6 `acknowledgement` (`declared` | `concluded`); SPDX declared/concluded. */
  acknowledgement: 'declared' | 'concluded' | null;
}

export interface SbomComponent {
  /** The document's own reference (CycloneDX bom-ref, SPDX SPDXID); unique within the inventory. */
  bomRef: string;
  type: string;
  name: string;
  group: string | null;
  version: string | null;
  /** Canonical package URL (qualifiers and version included) or null. */
  purl: string | null;
  /** The purl type (`npm`, `maven`, `deb`, …); null without a purl. */
  purlType: string | null;
  /** OSV ecosystem of the purl when Vigil maps it (`npm`, `Debian`, …). */
  ecosystem: string | null;
  /**
   * The name as the ecosystem compares names (OSV naming: `group:name` for Maven, PEP 503 for PyPI),
   * or the lower-cased `group/name` when the purl type has no OSV ecosystem or there is no purl.
   */
  normalizedName: string;
  scope: ComponentScope | null;
  hashes: ComponentHash[];
  licenses: ComponentLicense[];
}

export interface DependencyEdge {
  from: string;
  to: string;
}

export interface SbomInventory {
  format: SbomFormat;
  specVersion: string;
  serialNumber: string | null;
  /** The bom-ref of the component the SBOM describes (CycloneDX metadata.component, SPDX describes). */
  rootRef: string | null;
  components: SbomComponent[];
  dependencies: DependencyEdge[];
  /** Things read but not kept, said once each (edges to unknown refs, unparsable purls). */
  warnings: string[];
}

/** An SBOM refused: what is wrong and where (a JSON pointer, or an XML element path). */
export class SbomValidationError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`SBOM refused at ${path === '' ? '/' : path}: ${reason}`);
    this.name = 'SbomValidationError';
  }
}
