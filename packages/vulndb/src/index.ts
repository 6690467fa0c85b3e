// @vigil/vulndb: the vulnerability database's domain — version schemes per ecosystem, vers ranges,
// OSV advisories and their loaders (docs/vulndb.md).
export * from './version/version-scheme.ts';
