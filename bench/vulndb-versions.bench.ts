/**
 * Range containment (issue 15: ≥ 1,000,000 checks/s for semver, ≥ 200,000/s for Maven, dpkg and rpm).
 * One check = "is this version string affected by this OSV affected entry", compiled once from its
 * ranges as published (compileAffected: two disjoint intervals per range), the version parsed by the
 * check (schemes with a parse cache hit it, as a scan of repeated versions does). 400 advisories ×
 * 2,000 versions per scheme, visited in a fixed pseudo-random order. Baselines in the same run:
 * node-semver's own Range.test on pre-built ranges (what a semver-only matcher would call), and a
 * plain string comparison loop of the same shape (two lower/upper pairs), the floor for any order.
 *
 *   npm run bench:vulndb-versions        (BENCH_SECONDS=2 per row by default)
 */
import { Range, SemVer } from 'semver';
import { compileAffected, compileVers, parseVers, versionSchemes } from '@vigil/vulndb';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ADVISORIES = 400;
const VERSIONS = 2_000;

let seed = 42;
function random(n: number): number {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed % n;
}

type Maker = (major: number, minor: number, patch: number) => string;

const MAKERS: Record<string, Maker> = {
  semver: (a, b, c) => `${a}.${b}.${c}${random(5) === 0 ? `-rc.${random(4)}` : ''}`,
  maven: (a, b, c) => `${a}.${b}.${c}${['', '', '.Final', '-SNAPSHOT', '-beta-2', '.RELEASE'][random(6)]}`,
  deb: (a, b, c) =>
    `${random(8) === 0 ? '1:' : ''}${a}.${b}.${c}-${1 + random(4)}${['', '+deb11u1', 'ubuntu0.1', '~bpo1'][random(4)]}`,
  rpm: (a, b, c) => `${random(8) === 0 ? '1:' : ''}${a}.${b}.${c}-${1 + random(30)}.el8_${random(9)}`,
};

function version(scheme: string): string {
  return MAKERS[scheme](random(6), random(20), random(30));
}

interface Row {
  what: string;
  'checks/s': string;
  target: string;
}

/** Runs `check(i)` for SECONDS, returns checks per second. */
function measure(check: (i: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < 50_000; i++) if (check(i)) hits++;
  let n = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    for (let k = 0; k < 10_000; k++, n++) if (check(n)) hits++;
  }
  const rate = n / ((performance.now() - start) / 1000);
  if (hits < 0) console.log(hits);
  return rate;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rows: Row[] = [];
const semverScheme = versionSchemes.byVersType('semver');

for (const [scheme, ecosystem, target] of [
  ['semver', 'npm', 1_000_000],
  ['maven', 'Maven', 200_000],
  ['deb', 'Debian:12', 200_000],
  ['rpm', 'Red Hat:rhel:8', 200_000],
] as const) {
  const ecosystemScheme = versionSchemes.byEcosystem(ecosystem);
  const rangeType = scheme === 'semver' ? 'SEMVER' : 'ECOSYSTEM';
  const bounds: string[][] = [];
  const affected = Array.from({ length: ADVISORIES }, () => {
    const sorted = [version(scheme), version(scheme), version(scheme), version(scheme)].sort((a, b) =>
      ecosystemScheme.compare(ecosystemScheme.parse(a), ecosystemScheme.parse(b)),
    );
    bounds.push(sorted);
    const [a, b, c, d] = sorted;
    const events = [{ introduced: a }, { fixed: b }, { introduced: c }, { fixed: d }];
    return compileAffected({ ranges: [{ type: rangeType, events }] }, ecosystemScheme, semverScheme);
  });
  const pool = Array.from({ length: VERSIONS }, () => version(scheme));
  // Index arrays, not tuples: destructuring a tuple per check would cost more than a check.
  const rangeAt = Int32Array.from({ length: 65_536 }, () => random(ADVISORIES));
  const versionAt = Int32Array.from({ length: 65_536 }, () => random(VERSIONS));
  const osvRate = measure((i) => {
    const r = rangeAt[i & 65_535];
    const v = versionAt[i & 65_535];
    return affected[r].affects(pool[v]);
  });
  rows.push({
    what: `${scheme}: OSV range (2 intervals) contains`,
    'checks/s': fmt(osvRate),
    target: `≥ ${fmt(target)}`,
  });

  const versType = scheme === 'semver' ? 'npm' : scheme;
  const versScheme = versionSchemes.byVersType(versType);
  const vers = bounds.map(([a, b, c, d]) =>
    compileVers(parseVers(`vers:${versType}/>=${a}|<${b}|>=${c}|<${d}`), versScheme),
  );
  const versRate = measure((i) => {
    const r = rangeAt[i & 65_535];
    const v = versionAt[i & 65_535];
    return vers[r].contains(pool[v]);
  });
  rows.push({ what: `${scheme}: vers range contains`, 'checks/s': fmt(versRate), target: '' });

  if (scheme === 'semver') {
    const ranges = bounds.map(([a, b, c, d]) => new Range(`>=${a} <${b} || >=${c} <${d}`, { includePrerelease: true }));
    const parsed = pool.map((v) => new SemVer(v, { includePrerelease: true }));
    const semverRate = measure((i) => {
      const r = rangeAt[i & 65_535];
      const v = versionAt[i & 65_535];
      return ranges[r].test(parsed[v]);
    });
    rows.push({
      what: 'baseline: node-semver Range.test, version pre-parsed',
      'checks/s': fmt(semverRate),
      target: '',
    });
  }
  const stringRate = measure((i) => {
    const r = rangeAt[i & 65_535];
    const v = versionAt[i & 65_535];
    const [a, b, c, d] = bounds[r];
    const x = pool[v];
    return (x >= a && x < b) || (x >= c && x < d);
  });
  rows.push({ what: `baseline: plain string compare, ${scheme} strings`, 'checks/s': fmt(stringRate), target: '' });
}

console.log(
  `node ${process.version}, ${SECONDS} s per row, ${ADVISORIES} advisories × ${VERSIONS} versions per scheme`,
);
console.table(rows);
