// The version that fixes a vulnerable version: what a finding shows as "fixed in". Read per range as
// published, like the evaluation: the first `fixed` event above the version in a range that contains it.
import { type OsvRangeInput, sortOsvEvents } from '../version/osv-events.ts';
import { type SchemeRegistry, versionSchemes } from '../version/scheme-registry.ts';
import type { ParsedVersion, VersionScheme } from '../version/version-scheme.ts';

/**
 * The lowest `fixed` event above `version` among the ranges of one OSV affected entry (SEMVER and
 * ECOSYSTEM ranges; GIT ranges name commits). Undefined when no range publishes a fix above it, or the
 * version or an event does not parse in the range's scheme.
 */
export function firstFixedAbove(
  ranges: readonly OsvRangeInput[],
  ecosystem: string,
  version: string,
  schemes: SchemeRegistry = versionSchemes,
): string | undefined {
  let best: { scheme: VersionScheme; parsed: ParsedVersion; value: string } | undefined;
  ranges.forEach((range, index) => {
    const scheme =
      range.type === 'SEMVER'
        ? schemes.byVersType('semver')
        : range.type === 'ECOSYSTEM'
          ? schemes.findByEcosystem(ecosystem)
          : undefined;
    if (scheme === undefined) return;
    try {
      const v = scheme.parse(version);
      for (const e of sortOsvEvents(range, scheme, `ranges[${index}]`)) {
        if (e.kind !== 'fixed' || e.point.kind !== 'at' || scheme.compare(e.point.version, v) <= 0) continue;
        const sameScheme = best?.scheme === scheme;
        if (best === undefined || (sameScheme && scheme.compare(e.point.version, best.parsed) < 0)) {
          best = { scheme, parsed: e.point.version, value: e.value };
        }
        break;
      }
    } catch {
      // a version or event this scheme cannot read publishes no fix for it
    }
  });
  return best?.value;
}
