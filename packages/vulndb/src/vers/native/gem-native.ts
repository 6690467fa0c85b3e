// RubyGems requirements (`~> 2.0.8`, `>= 1.0, < 2`) as vers constraints; the pessimistic operator
// becomes [base, bump) with Gem::Version#bump (prerelease parts dropped, the last number dropped,
// the one before it incremented).
import type { VersComparator, VersConstraint } from '../vers-range.ts';
import { NativeRangeError } from './native-range-error.ts';

const CLAUSE = /^(~>|>=|<=|!=|=|>|<)?\s*([0-9][0-9A-Za-z.-]*)$/;

function bump(version: string): string {
  const segments = version.split(/[.-]/);
  const firstLetter = segments.findIndex((s) => /[A-Za-z]/.test(s));
  const numbers = (firstLetter < 0 ? segments : segments.slice(0, firstLetter)).map(Number);
  if (numbers.length > 1) numbers.pop();
  numbers[numbers.length - 1]++;
  return numbers.join('.');
}

export function gemNativeConstraints(native: string): VersConstraint[] {
  const out: VersConstraint[] = [];
  for (const clause of native.split(',')) {
    const m = CLAUSE.exec(clause.trim());
    if (!m) throw new NativeRangeError('gem', native, `"${clause.trim()}" is not a requirement`);
    const [, op, version] = m;
    if (op === '~>') out.push({ comparator: '>=', version }, { comparator: '<', version: bump(version) });
    else out.push({ comparator: op === undefined || op === '=' ? '=' : (op as VersComparator), version });
  }
  return out;
}
