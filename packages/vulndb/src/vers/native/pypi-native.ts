// PEP 440 version specifiers (`>=1.0, !=1.3, <2`) as vers constraints; `~=` becomes its [base, next)
// pair. Prefix matching (`==1.2.*`) has no single-version bound and is refused.
import type { VersComparator, VersConstraint } from '../vers-range.ts';
import { NativeRangeError } from './native-range-error.ts';

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/;
const COMPATIBLE = /^(?:(\d+)!)?(\d+(?:\.\d+)+)/;

export function pypiNativeConstraints(native: string): VersConstraint[] {
  const out: VersConstraint[] = [];
  for (const clause of native.split(',')) {
    const m = CLAUSE.exec(clause.trim());
    if (!m) throw new NativeRangeError('pypi', native, `"${clause.trim()}" is not a version specifier`);
    const [, op, version] = m;
    if (version.endsWith('.*'))
      throw new NativeRangeError('pypi', native, `prefix matching "${op}${version}" is not supported`);
    if (op === '~=') {
      const release = COMPATIBLE.exec(version);
      if (!release) throw new NativeRangeError('pypi', native, `"~=${version}" needs at least two release numbers`);
      const parts = release[2].split('.').map(Number);
      parts.pop();
      parts[parts.length - 1]++;
      const epoch = release[1] === undefined ? '' : `${release[1]}!`;
      out.push({ comparator: '>=', version }, { comparator: '<', version: `${epoch}${parts.join('.')}` });
    } else {
      const comparator: VersComparator = op === '==' || op === '===' ? '=' : (op as VersComparator);
      out.push({ comparator, version });
    }
  }
  return out;
}
