import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  OSV_ECOSYSTEM_VERS_TYPES,
  SchemeRegistry,
  UnknownVersionSchemeError,
  versionSchemes,
} from './scheme-registry.ts';

test('finds the distribution schemes by vers type and by OSV ecosystem, release suffixes and all', () => {
  assert.equal(versionSchemes.byVersType('deb').name, 'deb');
  assert.equal(versionSchemes.byVersType('RPM').name, 'rpm');
  assert.equal(versionSchemes.byEcosystem('Debian:12').name, 'deb');
  assert.equal(versionSchemes.byEcosystem('Ubuntu:Pro:18.04:LTS').name, 'deb');
  assert.equal(versionSchemes.byEcosystem('Red Hat:rhel_aus:8.4::appstream').name, 'rpm');
  assert.equal(versionSchemes.byEcosystem('Rocky Linux:9').name, 'rpm');
  assert.equal(versionSchemes.byEcosystem('openSUSE:Tumbleweed').name, 'rpm');
  assert.equal(versionSchemes.byEcosystem('Alpine:v3.18').name, 'apk');
  assert.equal(versionSchemes.byEcosystem('Root:Alpine:3.18').name, 'apk');
});

test('maps the language ecosystems to their vers types', () => {
  const expected: Record<string, string> = {
    npm: 'npm',
    PyPI: 'pypi',
    Maven: 'maven',
    'Maven:https://maven.google.com': 'maven',
    Go: 'golang',
    'crates.io': 'cargo',
    NuGet: 'nuget',
    RubyGems: 'gem',
    Packagist: 'composer',
    'Root:PyPI': 'pypi',
  };
  for (const [ecosystem, type] of Object.entries(expected)) {
    assert.equal(versionSchemes.versTypeOfEcosystem(ecosystem), type, ecosystem);
  }
  assert.equal(versionSchemes.byEcosystem('npm').name, 'npm');
  assert.equal(versionSchemes.byEcosystem('Go').name, 'golang');
  assert.equal(versionSchemes.byEcosystem('crates.io').name, 'cargo');
});

test('an ecosystem or type without a scheme is an error that names it', () => {
  assert.equal(versionSchemes.findByEcosystem('CRAN'), undefined);
  assert.throws(
    () => versionSchemes.byEcosystem('Hackage'),
    (e: unknown) => e instanceof UnknownVersionSchemeError && /OSV ecosystem "Hackage"/.test(e.message),
  );
  assert.throws(() => versionSchemes.byVersType('nginx'), UnknownVersionSchemeError);
  const deb = versionSchemes.byVersType('deb');
  assert.throws(() => new SchemeRegistry([deb, deb]), /two version schemes are named "deb"/);
});

// ../shared/conformance/osv/ (the OSV schema's ecosystem list)
test('every mapped ecosystem is one the OSV schema lists', (t) => {
  let listed: Record<string, string>;
  try {
    const url = new URL('../../../../../shared/conformance/osv/ecosystems.json', import.meta.url);
    listed = JSON.parse(readFileSync(url, 'utf8'));
  } catch {
    t.skip('../shared/conformance/osv is absent: ecosystem names not checked');
    return;
  }
  for (const ecosystem of Object.keys(OSV_ECOSYSTEM_VERS_TYPES)) {
    assert.ok(ecosystem in listed, `${ecosystem} is not in osv/ecosystems.json`);
  }
});
