// NuGet version ranges (interval notation `[1.0, 2.0)`, `(,1.0]`, `[1.0]`, or a bare minimum `1.0`)
// as vers constraints.
import type { VersConstraint } from '../vers-range.ts';
import { NativeRangeError } from './native-range-error.ts';

const INTERVAL = /^([[(])\s*([^,\])]*?)\s*(?:(,)\s*([^\])]*?)\s*)?([\])])$/;

/** undefined means every version (`(,)`). */
export function nugetNativeConstraints(native: string): VersConstraint[] | undefined {
  const text = native.trim();
  if (!/^[[(]/.test(text)) {
    if (text.length === 0 || /[\s,]/.test(text))
      throw new NativeRangeError('nuget', native, 'expected a version or an interval');
    return [{ comparator: '>=', version: text }];
  }
  const m = INTERVAL.exec(text);
  if (!m) throw new NativeRangeError('nuget', native, 'expected an interval such as [1.0, 2.0)');
  const [, open, low, comma, high, close] = m;
  if (comma === undefined) {
    if (open !== '[' || close !== ']' || low === '')
      throw new NativeRangeError('nuget', native, 'an exact version is written [1.0]');
    return [{ comparator: '=', version: low }];
  }
  const out: VersConstraint[] = [];
  if (low !== '') out.push({ comparator: open === '[' ? '>=' : '>', version: low });
  if (high !== '') out.push({ comparator: close === ']' ? '<=' : '<', version: high });
  return out.length === 0 ? undefined : out;
}
