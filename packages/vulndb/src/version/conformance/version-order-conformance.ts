// Test support: reads the third-party version-order vectors in ../shared/conformance/ (folders
// version-order/ from osv-scalibr and vers/*_version_cmp_test.json from the vers spec) at run time,
// never copied into the repository, and checks a scheme against every case.
import { readFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import type { ParsedVersion, VersionScheme } from '../version-scheme.ts';

const CONFORMANCE = new URL('../../../../../../shared/conformance/', import.meta.url);

export interface OrderCase {
  readonly where: string;
  readonly a: string;
  readonly b: string;
  /** Expected sign of compare(a, b); 'unequal' when only inequality is stated. */
  readonly sign: -1 | 0 | 1 | 'unequal';
}

const SIGNS: Record<string, -1 | 0 | 1> = { '<': -1, '=': 0, '>': 1 };
const OPS = ['<', '=', '>'];

function opOf(sign: OrderCase['sign']): string {
  return sign === 'unequal' ? '!=' : OPS[sign + 1]!;
}

/** "a op b", the key of a disputed case. */
export function caseText(c: OrderCase): string {
  return `${c.a} ${opOf(c.sign)} ${c.b}`;
}

function readText(relative: string): string | undefined {
  try {
    return readFileSync(new URL(relative, CONFORMANCE), 'utf8');
  } catch {
    return undefined;
  }
}

/** `a < b` lines of version-order/<file>; undefined when the conformance folder is absent. */
export function readVersionOrderFile(file: string): OrderCase[] | undefined {
  const text = readText(`version-order/${file}`);
  if (text === undefined) return undefined;
  const cases: OrderCase[] = [];
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return;
    const parts = trimmed.split(/\s+/);
    const sign = SIGNS[parts[1] ?? ''];
    if (parts.length !== 3 || sign === undefined) throw new Error(`${file}:${index + 1}: unreadable line "${line}"`);
    cases.push({ where: `${file}:${index + 1}`, a: parts[0]!, b: parts[2]!, sign });
  });
  return cases;
}

interface VersCmpTest {
  readonly test_type: 'comparison' | 'equality';
  readonly input: { readonly versions: readonly [string, string] };
  readonly expected_output: readonly string[] | boolean;
}

/** The cases of vers/<file> (comparison: listed in ascending order; equality: equal or not). */
export function readVersCmpFile(file: string): OrderCase[] | undefined {
  const text = readText(`vers/${file}`);
  if (text === undefined) return undefined;
  const tests = (JSON.parse(text) as { tests: VersCmpTest[] }).tests;
  return tests.map((test, index) => {
    const [a, b] = test.input.versions;
    const where = `${file}#${index}`;
    if (test.test_type === 'equality') return { where, a, b, sign: test.expected_output === true ? 0 : 'unequal' };
    return { where, a, b, sign: sortedSign(where, a, b, test.expected_output as readonly string[]) };
  });
}

/** The sign the expected ascending list gives a and b; the list may spell them normalized (BETA → beta). */
function sortedSign(where: string, a: string, b: string, sorted: readonly string[]): -1 | 1 {
  for (const fold of [(v: string) => v, (v: string) => v.toLowerCase()]) {
    const listed = sorted.map(fold);
    if (listed[0] === fold(a) || listed[1] === fold(b)) return -1;
    if (listed[0] === fold(b) || listed[1] === fold(a)) return 1;
  }
  throw new Error(`${where}: neither ${a} nor ${b} is in the expected order ${sorted.join(', ')}`);
}

/** What is wrong with one case under a scheme, or undefined when it holds. */
export function orderMismatch(scheme: VersionScheme, c: OrderCase): string | undefined {
  let actual: number;
  try {
    actual = Math.sign(scheme.compare(scheme.parse(c.a), scheme.parse(c.b)));
  } catch (error) {
    return `${c.where}: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (actual === c.sign || (c.sign === 'unequal' && actual !== 0)) return undefined;
  return `${c.where}: expected ${caseText(c)}, got ${OPS[actual + 1]}`;
}

/**
 * Checks every case; `disputed` maps "a op b" to why the case is considered wrong (each listed in
 * docs/vulndb.md) and must really fail, so the list cannot go stale. Returns the pass count.
 */
export function checkOrderCases<V extends ParsedVersion>(
  t: TestContext,
  scheme: VersionScheme<V>,
  label: string,
  cases: readonly OrderCase[] | undefined,
  disputed: ReadonlyMap<string, string> = new Map(),
): number {
  if (cases === undefined) {
    t.skip(`../shared/conformance is absent: ${label} not checked`);
    return 0;
  }
  const generic = scheme as VersionScheme;
  const failures: string[] = [];
  const disputedHeld: string[] = [];
  let passed = 0;
  for (const c of cases) {
    const key = caseText(c);
    const mismatch = orderMismatch(generic, c);
    if (disputed.has(key)) {
      if (mismatch === undefined) disputedHeld.push(`${c.where}: disputed case "${key}" passes; drop it from the list`);
    } else if (mismatch === undefined) {
      passed++;
    } else {
      failures.push(mismatch);
    }
  }
  t.diagnostic(
    `${scheme.name} ${label}: ${passed}/${cases.length} pass, ${cases.length - passed - failures.length} disputed`,
  );
  if (failures.length > 0 || disputedHeld.length > 0) {
    throw new Error([...failures, ...disputedHeld].slice(0, 40).join('\n'));
  }
  return passed;
}
