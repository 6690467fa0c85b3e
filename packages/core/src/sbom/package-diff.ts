import type { PackageChange, SbomDiff } from '@vigil/contract';
import type { PackageVersionsRow } from '@vigil/db';

export type PackageDiff = SbomDiff;

/** Sorts the repository's per-package version sets into added, removed and changed packages. */
export function packageDiff(engagementId: number, against: number, rows: PackageVersionsRow[]): PackageDiff {
  const diff: PackageDiff = { engagementId, against, added: [], removed: [], changed: [] };
  for (const row of rows) {
    const change: PackageChange = {
      packageKey: row.package_key,
      name: row.name,
      purlType: row.purl_type,
      // A component without a version is stored under '' so sets compare; it reads back as no version.
      before: (row.before_versions ?? []).filter((v) => v !== ''),
      after: (row.after_versions ?? []).filter((v) => v !== ''),
    };
    if (row.before_versions === null) diff.added.push(change);
    else if (row.after_versions === null) diff.removed.push(change);
    else diff.changed.push(change);
  }
  return diff;
}
