import assert from 'node:assert/strict';
import { test } from 'node:test';
import { versionSchemes } from '../version/scheme-registry.ts';
import { normalizeVers, parseCanonicalVers, sortVersConstraints, versProblem } from './vers-normalize.ts';
import { formatVers, parseVers, VersSyntaxError } from './vers-range.ts';

const deb = versionSchemes.byVersType('deb');
const normalize = (input: string) =>
  formatVers(normalizeVers(parseVers(input), versionSchemes.byVersType(parseVers(input).type)));

test('sorts by the type’s version order, equal versions keeping their order', () => {
  const sorted = sortVersConstraints(parseVers('vers:deb/<1.0-1|>=1.0~rc1|1.0|<=1.0'), deb);
  assert.equal(formatVers(sorted), 'vers:deb/>=1.0~rc1|1.0|<=1.0|<1.0-1');
});

test('the validation rules: order, unique versions, comparator sequence', () => {
  const problem = (input: string) => versProblem(parseVers(input), versionSchemes.byVersType(parseVers(input).type));
  assert.equal(problem('vers:npm/1.0.0|>=2.0.0|<3.0.0|!=3.5.0|>=4.0.0'), undefined);
  assert.equal(problem('vers:npm/>=2.0.0|<1.0.0'), 'constraints are not sorted by version');
  assert.match(problem('vers:npm/>=1.0.0|<1.0.0') ?? '', /occurs more than once/);
  assert.match(problem('vers:npm/>=1.0.0|>=2.0.0') ?? '', /do not alternate/);
  assert.match(problem('vers:npm/1.0.0|<2.0.0') ?? '', /may not follow an equality/);
  assert.throws(() => parseCanonicalVers('vers:npm/<2.0.0|<1.0.0'), VersSyntaxError);
  assert.throws(() => parseCanonicalVers('vers:nginx/1.0'), /no version scheme is known for the vers type "nginx"/);
});

test('normalization dedupes, merges one version’s constraints and drops redundant bounds', () => {
  assert.equal(normalize('vers:npm/>=2.0.0|>=1.0.0|<3.0.0|<3.0.0'), 'vers:npm/>=1.0.0|<3.0.0');
  assert.equal(normalize('vers:npm/<1.0.0|<2.0.0'), 'vers:npm/<2.0.0');
  assert.equal(normalize('vers:npm/1.5.0|>=1.0.0|<2.0.0|!=1.2.0'), 'vers:npm/>=1.0.0|!=1.2.0|<2.0.0');
  assert.equal(normalize('vers:npm/1.0.0|>=1.0.0|<2.0.0'), 'vers:npm/>=1.0.0|<2.0.0');
  assert.equal(normalize('vers:npm/>=1.0.0|<1.5.0|>=1.2.0|<2.0.0'), 'vers:npm/>=1.0.0|<2.0.0');
  assert.equal(normalize('vers:npm/>=1.0.0|<1.5.0|>=3.0.0|<4.0.0'), 'vers:npm/>=1.0.0|<1.5.0|>=3.0.0|<4.0.0');
  assert.equal(normalize('vers:npm/!=1.0.0|!=2.0.0'), 'vers:npm/!=1.0.0|!=2.0.0');
  assert.equal(normalize('vers:npm/*'), 'vers:npm/*');
});
