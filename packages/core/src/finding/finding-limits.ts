/**
 * The longest value each finding field holds, declared once: the API's request schemas validate
 * against these (a longer value is a 400 naming the field) and the importer cuts imported values
 * to them (docs/import.md#limits-and-bad-input). Lengths are in characters (UTF-16 units, as
 * String.length and zod count them); `…Count` are numbers of items.
 */
export const FINDING_LIMITS = {
  title: 511,
  /** description, mitigation, impact, references */
  longText: 200_000,
  vulnerabilityId: 100,
  vulnerabilityIdCount: 100,
  cvssv3: 200,
  cvssv4: 400,
  filePath: 4000,
  componentName: 500,
  componentVersion: 200,
  uniqueIdFromTool: 500,
  vulnIdFromTool: 500,
  tag: 100,
  tagCount: 50,
  locationCount: 1000,
  location: { protocol: 20, host: 500, path: 4000, query: 4000, purl: 2000 },
} as const;
