// Test support: runs the package-URL test cases of ../shared/conformance/purl/ (package-url/purl-spec
// tests/: spec/specification-test.json and types/*-test.json, MIT), read at run time and never
// copied, against parsePurl, buildPurl and normalizePurl, and names the known deviation of
// packageurl-js 2.0.1 behind each failure (docs/vulndb.md "purl").
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { buildPurl, normalizePurl, parsePurl, type Purl } from './purl.ts';

const FOLDER = new URL('../../../../../shared/conformance/purl/', import.meta.url);

/** The suite's kinds: parse a string, build from components, round-trip to canonical ("validate"). */
export type PurlCaseKind = 'parse' | 'build' | 'validate';

interface Components {
  type: string | null;
  namespace: string | null;
  name: string | null;
  version: string | null;
  qualifiers: Record<string, string> | null;
  subpath: string | null;
}

interface PurlCase {
  description: string;
  test_type: PurlCaseKind;
  input: string | Components;
  expected_output: string | Components | null;
  expected_failure: boolean;
}

export interface PurlCaseResult {
  file: string;
  kind: PurlCaseKind;
  description: string;
  /** The input as the suite gives it (components as JSON). */
  input: string;
  passed: boolean;
  expectedFailure: boolean;
  /** What came out (a Purl or a string), or the error's message. */
  actual?: unknown;
  expected?: unknown;
  error?: string;
}

/** The suite's files (relative to the purl folder), or undefined when the folder is absent. */
export function purlCaseFiles(): string[] | undefined {
  try {
    const types = readdirSync(new URL('types/', FOLDER)).filter((f) => f.endsWith('-test.json'));
    return ['spec/specification-test.json', ...types.sort().map((f) => `types/${f}`)];
  } catch {
    return undefined;
  }
}

function asPurl(c: Components): Purl {
  const purl: Purl = { type: c.type ?? '', name: c.name ?? '' };
  if (c.namespace !== null) purl.namespace = c.namespace;
  if (c.version !== null) purl.version = c.version;
  if (c.qualifiers !== null && Object.keys(c.qualifiers).length > 0) purl.qualifiers = c.qualifiers;
  if (c.subpath !== null) purl.subpath = c.subpath;
  return purl;
}

function attempt(c: PurlCase): unknown {
  if (c.test_type === 'build') return buildPurl(asPurl(c.input as Components));
  if (c.test_type === 'parse') return parsePurl(c.input as string);
  return normalizePurl(c.input as string);
}

function run(file: string, c: PurlCase): PurlCaseResult {
  const input = typeof c.input === 'string' ? c.input : JSON.stringify(c.input);
  const result = { file, kind: c.test_type, description: c.description, input, expectedFailure: c.expected_failure };
  let actual: unknown;
  try {
    actual = attempt(c);
  } catch (error) {
    return { ...result, passed: c.expected_failure, error: (error as Error).message };
  }
  if (c.expected_failure) return { ...result, passed: false, actual };
  const expected = c.test_type === 'parse' ? asPurl(c.expected_output as Components) : c.expected_output;
  return { ...result, passed: isDeepStrictEqual(actual, expected), actual, expected };
}

/** Runs every case of one file. */
export function runPurlCases(file: string): PurlCaseResult[] {
  const suite = JSON.parse(readFileSync(new URL(file, FOLDER), 'utf8')) as { tests: PurlCase[] };
  return suite.tests.map((c) => run(file, c));
}

/** Types whose own validation rules (purl-spec types/*.json) packageurl-js 2.0.1 does not apply. */
const UNVALIDATED_TYPES = ['chrome-extension', 'cpan', 'julia', 'otp', 'vcpkg', 'vscode-extension'];

/** The known deviations of packageurl-js 2.0.1, each a test on a failed case. */
export const PURL_LIBRARY_DEVIATIONS: ReadonlyArray<{ name: string; matches(r: PurlCaseResult): boolean }> = [
  {
    // The specification leaves ':' unencoded everywhere; the library encodes it in qualifier values
    // and the subpath (`repository_url=https%3A%2F%2F…` instead of `https:%2F%2F…`).
    name: 'colon percent-encoded in qualifier values and subpath',
    matches: (r) => typeof r.actual === 'string' && r.actual.replaceAll('%3A', ':') === r.expected,
  },
  {
    // A `+` in a version is kept raw; the canonical form encodes it (`1:2.4.47-2%2Bb1`).
    name: '"+" in a version not percent-encoded',
    matches: (r) => typeof r.actual === 'string' && r.actual.replaceAll('+', '%2B') === r.expected,
  },
  {
    name: 'type-specific validation not implemented',
    matches: (r) => r.expectedFailure && UNVALIDATED_TYPES.some((t) => r.file === `types/${t}-test.json`),
  },
  {
    // The strict parse cases refuse upper-case qualifier keys; the library lower-cases them (as the
    // lenient round-trip cases of the same files ask).
    name: 'upper-case qualifier keys accepted',
    matches: (r) => r.expectedFailure && r.kind === 'parse' && /[?&][^=]*[A-Z][^=]*=/.test(r.input),
  },
  {
    // brew and git names and namespaces are case-insensitive and canonically lower case.
    name: 'brew/git lower-casing not applied',
    matches: (r) =>
      /types\/(brew|git)-test/.test(r.file) &&
      JSON.stringify(r.actual).toLowerCase() === JSON.stringify(r.expected).toLowerCase(),
  },
  {
    // git names may contain '/' (`codeberg.org` / `forgejo/forgejo`); the library splits at the last one.
    name: 'git name with a slash',
    matches: (r) => r.file === 'types/git-test.json' && /forgejo\/forgejo/.test(JSON.stringify(r.expected)),
  },
];

/** The deviation behind a failed case, or undefined when the failure is not a known one. */
export function purlDeviationOf(r: PurlCaseResult): string | undefined {
  return PURL_LIBRARY_DEVIATIONS.find((d) => d.matches(r))?.name;
}
