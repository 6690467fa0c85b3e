// The keys a component is stored under: its identity (one catalogue row per package version) and
// its package (versionless: what an SBOM diff compares and matching groups by).
import type { SbomComponent } from './inventory.ts';

export interface ComponentKeys {
  identityKey: string;
  packageKey: string;
}

/**
 * By canonical purl when there is one (`pkg:npm/lodash@4.17.21`; package `npm/lodash`, the name as the
 * ecosystem compares it); otherwise by type, group, name and version under a `vigil:` prefix that no
 * purl can take.
 */
export function componentKeys(component: SbomComponent): ComponentKeys {
  if (component.purl !== null && component.purlType !== null) {
    return { identityKey: component.purl, packageKey: `${component.purlType}/${component.normalizedName}` };
  }
  const packageKey = `vigil:${component.type}/${component.normalizedName}`;
  return { identityKey: `${packageKey}@${component.version ?? ''}`, packageKey };
}
