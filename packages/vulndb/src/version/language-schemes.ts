// The version schemes of language ecosystems (docs/vulndb.md, "Version schemes"); the scheme
// registry (scheme-registry.ts) joins them with the distribution schemes.
import { cargoScheme } from './cargo/cargo-scheme.ts';
import { composerScheme } from './composer/composer-scheme.ts';
import { gemScheme } from './gem/gem-scheme.ts';
import { goScheme } from './go/go-scheme.ts';
import { mavenScheme } from './maven/maven-scheme.ts';
import { npmScheme } from './npm/npm-scheme.ts';
import { nugetScheme } from './nuget/nuget-scheme.ts';
import { pypiScheme } from './pypi/pypi-scheme.ts';
import { semverScheme } from './semver/semver-scheme.ts';
import type { VersionScheme } from './version-scheme.ts';

export const LANGUAGE_SCHEMES: readonly VersionScheme[] = [
  npmScheme,
  semverScheme,
  goScheme,
  cargoScheme,
  mavenScheme,
  pypiScheme,
  nugetScheme,
  gemScheme,
  composerScheme,
];
