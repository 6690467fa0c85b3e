// ../shared/conformance/vers/ (package-url/vers-spec tests/): canonical parse, containment, validate
// (canonical ordering) and from_native for the types whose native syntax is read. Cases considered
// wrong in the data are listed below with the reason (and in docs/vulndb.md) and must really fail.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { versionSchemes } from '../version/scheme-registry.ts';
import { NATIVE_RANGE_TYPES, versFromNative } from './native/native-range.ts';
import { compileVers } from './vers-contains.ts';
import { parseCanonicalVers, sortVersConstraints } from './vers-normalize.ts';
import { formatVers, parseVers } from './vers-range.ts';

const FOLDER = new URL('../../../../../shared/conformance/vers/', import.meta.url);

interface VersTest {
  readonly description: string;
  readonly test_type: string;
  readonly input: any;
  readonly expected_output?: any;
  readonly expected_failure?: boolean;
  readonly expected_message?: string;
}

/** Case key (file, native input) → why the expected output is considered wrong. */
const DISPUTED: ReadonlyMap<string, string> = new Map([
  [
    'npm_range_from_native_test.json >= 0.2.0 <= 0.9.6 || ~0.8.0-pre',
    '~0.8.0-pre is [0.8.0-pre, 0.8.1); the expected output adds <0.8.0|>=0.8.0, an artefact of the ' +
      'generator splitting prerelease ranges, which is not in the native range',
  ],
  [
    'npm_range_from_native_test.json >= 2.2.x',
    'node-semver reads ">=2.2.x" as ">=2.2.0" (an x in a comparator is a zero, not an x-range); the ' +
      'expected output adds an upper bound <2.3.0 that the native range does not have',
  ],
  [
    'npm_range_from_native_test.json >= 1.x',
    'node-semver reads ">=1.x" as ">=1.0.0"; the expected output adds an upper bound <2.0.0 that the ' +
      'native range does not have',
  ],
]);

function readTests(file: string): VersTest[] | undefined {
  try {
    return (JSON.parse(readFileSync(new URL(file, FOLDER), 'utf8')) as { tests: VersTest[] }).tests;
  } catch {
    return undefined;
  }
}

function listFiles(): string[] | undefined {
  try {
    return readdirSync(FOLDER).filter((f) => f.endsWith('.json'));
  } catch {
    return undefined;
  }
}

/** What is wrong with one case, or undefined when it passes. */
function mismatch(t: VersTest): string | undefined {
  switch (t.test_type) {
    case 'parse': {
      if (t.expected_failure) {
        try {
          parseCanonicalVers(t.input);
          return 'parsed, expected a failure';
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          return message === t.expected_message
            ? undefined
            : `failed with "${message}", expected "${t.expected_message}"`;
        }
      }
      const range = parseCanonicalVers(t.input);
      const actual = {
        scheme: range.type,
        version_constraints: range.constraints.map((c) => [c.comparator, c.version]),
      };
      return JSON.stringify(actual) === JSON.stringify(t.expected_output) ? undefined : JSON.stringify(actual);
    }
    case 'containment': {
      const range = parseVers(t.input.vers);
      const actual = compileVers(range, versionSchemes.byVersType(range.type)).contains(t.input.version);
      return actual === t.expected_output ? undefined : `got ${actual}`;
    }
    case 'validate': {
      const range = parseVers(t.input);
      const actual = formatVers(sortVersConstraints(range, versionSchemes.byVersType(range.type)));
      return actual === t.expected_output ? undefined : `got ${actual}`;
    }
    case 'from_native': {
      const actual = formatVers(versFromNative(t.input.scheme, t.input.native_range));
      return actual === t.expected_output ? undefined : `got ${actual}`;
    }
    default:
      return `test type ${t.test_type} is not checked here`;
  }
}

const CHECKED_TYPES = new Set(['parse', 'containment', 'validate']);

function applies(t: VersTest): boolean {
  return (
    CHECKED_TYPES.has(t.test_type) || (t.test_type === 'from_native' && NATIVE_RANGE_TYPES.includes(t.input.scheme))
  );
}

const files = listFiles();
if (files === undefined) {
  test('vers conformance', (t) => {
    t.skip('../shared/conformance/vers is absent: vers cases not checked');
  });
}
for (const file of files ?? []) {
  const tests = readTests(file) ?? [];
  if (!tests.some(applies)) continue;
  test(`vers/${file}`, (t) => {
    let passed = 0;
    let disputed = 0;
    let applicable = 0;
    const failures: string[] = [];
    tests.forEach((c, index) => {
      const key = `${file} ${c.test_type === 'from_native' ? c.input.native_range : JSON.stringify(c.input)}`;
      if (!applies(c)) return;
      applicable++;
      let problem: string | undefined;
      try {
        problem = mismatch(c);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (DISPUTED.has(key)) {
        disputed++;
        if (problem === undefined) failures.push(`#${index}: disputed case passes; drop it from the list`);
      } else if (problem === undefined) passed++;
      else failures.push(`#${index} ${key}: ${problem}`);
    });
    t.diagnostic(`${file}: ${passed}/${applicable} pass, ${disputed} disputed`);
    assert.deepEqual(failures.slice(0, 30), []);
  });
}
