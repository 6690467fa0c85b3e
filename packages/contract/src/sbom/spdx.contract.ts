import { z } from 'zod';

// SPDX 2.3 JSON documents, as far as Vigil reads them: the document's identity, packages (with
// checksums, licences and external references such as purls) and relationships. Written from the
// SPDX 2.3 specification and its JSON schema (spdx/spdx-spec schemas/spdx-schema.json); fields Vigil
// does not read (files, snippets, annotations, …) pass through unchecked. Rules kept: required
// fields, SPDXID shape, the closed enums of checksum algorithms, reference categories and
// relationship types, and the checksum value being hex.

const ZSpdxId = z.string().regex(/^SPDXRef-[A-Za-z0-9.-]+$/, 'must be "SPDXRef-" followed by letters, digits, . or -');
const ZSpdxElementRef = z
  .string()
  .regex(/^(DocumentRef-[A-Za-z0-9.-]+:)?SPDXRef-[A-Za-z0-9.-]+$|^NONE$|^NOASSERTION$/, 'must be an SPDX element id');

export const SPDX_CHECKSUM_ALGORITHMS = [
  'SHA1',
  'SHA224',
  'SHA256',
  'SHA384',
  'SHA512',
  'SHA3-256',
  'SHA3-384',
  'SHA3-512',
  'BLAKE2b-256',
  'BLAKE2b-384',
  'BLAKE2b-512',
  'BLAKE3',
  'MD2',
  'MD4',
  'MD5',
  'MD6',
  'ADLER32',
] as const;

export const SPDX_RELATIONSHIP_TYPES = [
  'VARIANT_OF',
  'COPY_OF',
  'PATCH_FOR',
  'TEST_DEPENDENCY_OF',
  'CONTAINED_BY',
  'DATA_FILE_OF',
  'OPTIONAL_COMPONENT_OF',
  'ANCESTOR_OF',
  'GENERATES',
  'CONTAINS',
  'OPTIONAL_DEPENDENCY_OF',
  'SPECIFICATION_FOR',
  'AMENDS',
  'DEPENDENCY_OF',
  'DEPENDENCY_MANIFEST_OF',
  'BUILD_DEPENDENCY_OF',
  'PREREQUISITE_FOR',
  'EXAMPLE_OF',
  'PATCH_APPLIED',
  'DEV_DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
  'REQUIREMENT_DESCRIPTION_FOR',
  'DESCRIBED_BY',
  'BUILD_TOOL_OF',
  'HAS_PREREQUISITE',
  'DOCUMENTATION_OF',
  'DYNAMIC_LINK',
  'STATIC_LINK',
  'METAFILE_OF',
  'DESCRIBES',
  'FILE_MODIFIED',
  'TEST_OF',
  'TEST_TOOL_OF',
  'DISTRIBUTION_ARTIFACT',
  'PACKAGE_OF',
  'EXPANDED_FROM_ARCHIVE',
  'GENERATED_FROM',
  'DEPENDS_ON',
  'DEV_TOOL_OF',
  'TEST_CASE_OF',
  'OTHER',
  'FILE_ADDED',
  'FILE_DELETED',
] as const;

export const ZSpdxChecksum = z.object({
  algorithm: z.enum(SPDX_CHECKSUM_ALGORITHMS),
  checksumValue: z.string().regex(/^[0-9a-fA-F]+$/, 'must be hexadecimal'),
});

export const ZSpdxExternalRef = z.object({
  referenceCategory: z.enum([
    'OTHER',
    'PERSISTENT-ID',
    'PERSISTENT_ID',
    'SECURITY',
    'PACKAGE-MANAGER',
    'PACKAGE_MANAGER',
  ]),
  referenceLocator: z.string(),
  referenceType: z.string(),
  comment: z.string().optional(),
});

export const ZSpdxPackage = z.looseObject({
  SPDXID: ZSpdxId,
  name: z.string().min(1),
  downloadLocation: z.string(),
  versionInfo: z.string().optional(),
  licenseConcluded: z.string().optional(),
  licenseDeclared: z.string().optional(),
  checksums: z.array(ZSpdxChecksum).optional(),
  externalRefs: z.array(ZSpdxExternalRef).optional(),
  primaryPackagePurpose: z
    .enum([
      'APPLICATION',
      'FRAMEWORK',
      'LIBRARY',
      'CONTAINER',
      'OPERATING-SYSTEM',
      'DEVICE',
      'FIRMWARE',
      'SOURCE',
      'ARCHIVE',
      'FILE',
      'INSTALL',
      'OTHER',
    ])
    .optional(),
});

export const ZSpdxRelationship = z.looseObject({
  spdxElementId: ZSpdxElementRef,
  relationshipType: z.enum(SPDX_RELATIONSHIP_TYPES),
  relatedSpdxElement: ZSpdxElementRef,
});

export const ZSpdxDocument = z.looseObject({
  spdxVersion: z.literal('SPDX-2.3'),
  dataLicense: z.literal('CC0-1.0'),
  SPDXID: z.literal('SPDXRef-DOCUMENT'),
  name: z.string(),
  documentNamespace: z.string().min(1),
  creationInfo: z.looseObject({
    created: z.iso.datetime({ offset: true }),
    creators: z.array(z.string()).min(1),
  }),
  documentDescribes: z.array(ZSpdxElementRef).optional(),
  packages: z.array(ZSpdxPackage).optional(),
  relationships: z.array(ZSpdxRelationship).optional(),
});

export type SpdxDocument = z.infer<typeof ZSpdxDocument>;
export type SpdxPackage = z.infer<typeof ZSpdxPackage>;
