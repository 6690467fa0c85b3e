// A vers from an ecosystem's own range syntax (npm, pypi, gem, nuget). The constraints are sorted by
// version, equal versions keeping their written order, and not otherwise simplified: the vers-spec's
// from_native tests expect exactly the translated constraints (normalizeVers simplifies further).
import { type SchemeRegistry, versionSchemes } from '../../version/scheme-registry.ts';
import { sortVersConstraints } from '../vers-normalize.ts';
import type { VersConstraint, VersRange } from '../vers-range.ts';
import { gemNativeConstraints } from './gem-native.ts';
import { NativeRangeError } from './native-range-error.ts';
import { npmNativeConstraints } from './npm-native.ts';
import { nugetNativeConstraints } from './nuget-native.ts';
import { pypiNativeConstraints } from './pypi-native.ts';

const TRANSLATORS: Readonly<Record<string, (native: string) => VersConstraint[] | undefined>> = {
  npm: npmNativeConstraints,
  pypi: pypiNativeConstraints,
  gem: gemNativeConstraints,
  nuget: nugetNativeConstraints,
};

/** The vers types whose native range syntax is read. */
export const NATIVE_RANGE_TYPES = Object.keys(TRANSLATORS);

export function versFromNative(type: string, native: string, schemes: SchemeRegistry = versionSchemes): VersRange {
  const translate = TRANSLATORS[type];
  if (translate === undefined) throw new NativeRangeError(type, native, 'this range syntax is not supported');
  const constraints = translate(native);
  if (constraints === undefined) return { type, constraints: [], any: true };
  const range: VersRange = { type, constraints, any: false };
  return constraints.length < 2 ? range : sortVersConstraints(range, schemes.byVersType(type));
}
