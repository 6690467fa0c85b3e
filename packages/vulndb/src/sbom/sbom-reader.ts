// One entry point for SBOM bytes: the format is recognised from the content (never from a file name),
// the document validated against its schema and read into the inventory. Pure: no I/O.
import { createHash } from 'node:crypto';
import { inventoryOfCycloneDx } from './cyclonedx-bom.ts';
import { CYCLONEDX_VERSIONS, type CycloneDxVersion, validateCycloneDx } from './cyclonedx-schema.ts';
import { cycloneDxXmlToJson } from './cyclonedx-xml.ts';
import { SBOM_LIMITS, type SbomInventory, SbomValidationError } from './inventory.ts';
import { inventoryOfSpdx } from './spdx-json.ts';

export interface ReadSbom {
  inventory: SbomInventory;
  /** SHA-256 of the bytes: an unchanged SBOM re-imported is recognised by it and writes nothing. */
  contentHash: string;
  /** `cyclonedx-json`, `cyclonedx-xml` or `spdx-json`. */
  encoding: 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SbomValidationError('', `not valid JSON: ${(error as Error).message}`);
  }
}

function readJson(text: string): { inventory: SbomInventory; encoding: ReadSbom['encoding'] } {
  const document = parseJson(text);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new SbomValidationError('', 'an SBOM is a JSON object');
  }
  const fields = document as Record<string, unknown>;
  if (typeof fields.spdxVersion === 'string') {
    if (fields.spdxVersion !== 'SPDX-2.3') {
      throw new SbomValidationError('/spdxVersion', `${fields.spdxVersion} is not read (SPDX-2.3 is)`);
    }
    return { inventory: inventoryOfSpdx(document), encoding: 'spdx-json' };
  }
  const version = fields.specVersion;
  if (fields.bomFormat === undefined && version === undefined) {
    throw new SbomValidationError('', 'neither a CycloneDX BOM (bomFormat, specVersion) nor an SPDX document');
  }
  if (!CYCLONEDX_VERSIONS.includes(version as CycloneDxVersion)) {
    throw new SbomValidationError('/specVersion', `CycloneDX ${String(version)} is not read (1.4, 1.5 and 1.6 are)`);
  }
  validateCycloneDx(version as CycloneDxVersion, document);
  return { inventory: inventoryOfCycloneDx(fields, String(version)), encoding: 'cyclonedx-json' };
}

function readXml(text: string): { inventory: SbomInventory; encoding: ReadSbom['encoding'] } {
  const { version, bom } = cycloneDxXmlToJson(text);
  validateCycloneDx(version, bom);
  return { inventory: inventoryOfCycloneDx(bom, version), encoding: 'cyclonedx-xml' };
}

/** SHA-256 (hex) of an SBOM's bytes: what an unchanged re-upload is recognised by, before any parsing. */
export function sbomContentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads CycloneDX 1.4–1.6 JSON or XML, or SPDX 2.3 JSON; throws SbomValidationError saying where. */
export function readSbom(bytes: Uint8Array): ReadSbom {
  if (bytes.byteLength > SBOM_LIMITS.maxBytes) {
    throw new SbomValidationError('', `larger than ${SBOM_LIMITS.maxBytes} bytes`);
  }
  const contentHash = sbomContentHash(bytes);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (first === '{') return { ...readJson(text), contentHash };
  if (first === '<') return { ...readXml(text), contentHash };
  throw new SbomValidationError('', 'neither JSON nor XML');
}
