import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distroReleaseAgrees, ecosystemRelease, purlRelease } from './distro-release.ts';

test('the release an OSV ecosystem names', () => {
  assert.equal(ecosystemRelease('Debian:12'), '12');
  assert.equal(ecosystemRelease('Ubuntu:Pro:18.04:LTS'), '18.04');
  assert.equal(ecosystemRelease('Alpine:v3.18'), 'v3.18');
  assert.equal(ecosystemRelease('npm'), undefined);
});

test("the release a purl's distro qualifier names: prefix, code name and point release resolved", () => {
  assert.equal(purlRelease('pkg:deb/debian/curl@7.88.1-10?distro=debian-12.4'), '12');
  assert.equal(purlRelease('pkg:deb/debian/curl@7.88.1-10?distro=bookworm'), '12');
  assert.equal(purlRelease('pkg:deb/ubuntu/curl@7.81.0-1?distro=jammy'), '22.04');
  assert.equal(purlRelease('pkg:apk/alpine/curl@8.5.0-r0?distro=alpine-3.18.4'), '3.18');
  assert.equal(purlRelease('pkg:deb/debian/curl@7.88.1-10'), undefined);
});

test('a match needs the same release on both sides when both name one', () => {
  const curl12 = 'pkg:deb/debian/curl@7.88.1-10?distro=debian-12';
  assert.equal(distroReleaseAgrees(curl12, 'Debian:12'), true);
  assert.equal(distroReleaseAgrees(curl12, 'Debian:11'), false);
  assert.equal(distroReleaseAgrees(curl12, 'Debian'), true, 'an entry for every release');
  assert.equal(distroReleaseAgrees('pkg:deb/debian/curl@7.88.1-10', 'Debian:11'), true, 'release unknown');
  assert.equal(distroReleaseAgrees('pkg:apk/alpine/curl@8.5.0-r0?distro=alpine-3.18.4', 'Alpine:v3.18'), true);
  assert.equal(distroReleaseAgrees('pkg:apk/alpine/curl@8.5.0-r0?distro=alpine-3.19.1', 'Alpine:v3.18'), false);
  assert.equal(distroReleaseAgrees('pkg:deb/ubuntu/curl@7.81.0-1?distro=ubuntu-22.04', 'Ubuntu:22.04:LTS'), true);
});
