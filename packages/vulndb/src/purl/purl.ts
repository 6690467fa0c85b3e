// Package URLs (https://github.com/package-url/purl-spec) through packageurl-js 2.0.1 (pinned):
// parsing, building and the canonical form, with Vigil's error and a plain-object shape.
import { PackageURL } from 'packageurl-js';

/** The components of a package URL; absent ones are undefined. */
export interface Purl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Readonly<Record<string, string>>;
  subpath?: string;
}

/** A string or a set of components that is not a valid package URL; says which and why. */
export class InvalidPurlError extends Error {
  constructor(
    readonly purl: string,
    readonly reason: string,
  ) {
    super(`"${purl}" is not a valid package URL: ${reason}`);
    this.name = 'InvalidPurlError';
  }
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) throw error;
  return error.message.replace(/^Invalid purl:\s*/, '');
}

function toPurl(url: PackageURL): Purl {
  const purl: Purl = { type: url.type, name: url.name };
  if (url.namespace) purl.namespace = url.namespace;
  if (url.version) purl.version = url.version;
  // The library returns a null-prototype object; a plain one compares and serializes as expected.
  if (url.qualifiers && Object.keys(url.qualifiers).length > 0) purl.qualifiers = { ...url.qualifiers };
  if (url.subpath) purl.subpath = url.subpath;
  return purl;
}

function libraryUrl(text: string): PackageURL {
  try {
    return PackageURL.fromString(text);
  } catch (error) {
    throw new InvalidPurlError(text, reasonOf(error));
  }
}

/** Parses a package URL into its normalized components; throws InvalidPurlError. */
export function parsePurl(text: string): Purl {
  return toPurl(libraryUrl(text));
}

/** Builds the canonical package URL string of a set of components; throws InvalidPurlError. */
export function buildPurl(components: Purl): string {
  try {
    const url = new PackageURL(
      components.type,
      components.namespace,
      components.name,
      components.version,
      components.qualifiers === undefined ? undefined : { ...components.qualifiers },
      components.subpath,
    );
    return url.toString();
  } catch (error) {
    throw new InvalidPurlError(JSON.stringify(components), reasonOf(error));
  }
}

/** The canonical string of a package URL (type rules applied, qualifiers sorted, encoding fixed). */
export function normalizePurl(text: string): string {
  return libraryUrl(text).toString();
}

/**
 * The package a URL names, without version, qualifiers or subpath, in canonical form: what
 * advisories' affected packages are compared by (`pkg:npm/@babel/core@7.0.0` → `pkg:npm/%40babel/core`).
 */
export function purlPackageKey(text: string): string {
  const url = libraryUrl(text);
  return buildPurl({ type: url.type, namespace: url.namespace, name: url.name });
}
