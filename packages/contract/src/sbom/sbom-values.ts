// zod-free values of the SBOM API, for the web bundle (@vigil/contract/values).

/** The bytes one SBOM upload may have (the parsers' own limit, SBOM_LIMITS.maxBytes in @vigil/vulndb). */
export const SBOM_UPLOAD_MAX_BYTES = 64 * 1024 * 1024;

/** Content types a raw (non-multipart) SBOM upload may be sent as. */
export const SBOM_CONTENT_TYPES = [
  'application/json',
  'application/vnd.cyclonedx+json',
  'application/spdx+json',
  'application/xml',
  'text/xml',
  'application/vnd.cyclonedx+xml',
] as const;

export const SBOM_ENCODINGS = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'] as const;
export const COMPONENT_SCOPES = ['required', 'optional', 'excluded'] as const;
