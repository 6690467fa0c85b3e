// @vigil/vulndb: the vulnerability database's domain — version schemes per ecosystem, vers ranges,
// OSV advisories and their loaders (docs/vulndb.md).
export * from './version/version-scheme.ts';
export * from './version/scheme-registry.ts';
export * from './version/distro-schemes.ts';
export * from './version/deb/deb-scheme.ts';
export * from './version/rpm/rpm-scheme.ts';
export * from './version/apk/apk-scheme.ts';
export * from './version/osv-events.ts';
export * from './version/osv-range.ts';
export * from './vers/vers-range.ts';
export * from './vers/vers-normalize.ts';
export * from './vers/vers-contains.ts';
export * from './vers/vers-osv.ts';
export * from './vers/native/native-range.ts';
export * from './vers/native/native-range-error.ts';
export * from './osv/advisory-rows.ts';
export * from './osv/alias-groups.ts';
export * from './osv/osv-archive.ts';
export * from './osv/osv-record.ts';
export * from './osv/osv-source.ts';
export * from './osv/osv-sync.service.ts';
export * from './osv/package-name.ts';
export * from './osv/cvss-scorer.ts';
export * from '@vigil/parsers/cvss';
export * from './cvss/osv-cvss.ts';
export * from './purl/purl.ts';
export * from './purl/ecosystem-purl.ts';
