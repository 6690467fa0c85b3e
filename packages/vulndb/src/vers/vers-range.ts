// The `vers:` version range specifier (package-url/vers-spec): `vers:<type>/<constraint>|<constraint>|…`.
// This module reads and writes the syntax; ordering, validation and simplification (which need the
// type's version scheme) live in vers-normalize.ts, containment in vers-contains.ts.

/** `=` stands for the bare version (equality), `*` for "every version". */
export type VersComparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface VersConstraint {
  readonly comparator: VersComparator;
  /** The version, percent-decoded. */
  readonly version: string;
}

export interface VersRange {
  /** The vers type (lowercase): `npm`, `pypi`, `deb`, … */
  readonly type: string;
  /** Empty when the range is `*`. */
  readonly constraints: readonly VersConstraint[];
  readonly any: boolean;
}

/** Thrown when a string is not a vers, or not in canonical form; says what and where. */
export class VersSyntaxError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`non-canonical VERS: ${reason}`);
    this.name = 'VersSyntaxError';
  }
}

const TYPE = /^[a-z][a-z0-9.-]*$/;
const COMPARATORS: readonly VersComparator[] = ['>=', '<=', '!=', '<', '>'];
// Characters a version must carry percent-encoded (the spec's list, plus space).
const MUST_ENCODE = /[<>=!*|% ]/g;

function decodeVersion(input: string, text: string): string {
  if (!text.includes('%')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const hex = text.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new VersSyntaxError(input, 'invalid percent-encoding in version');
    if (hex !== hex.toUpperCase()) throw new VersSyntaxError(input, 'percent-encoding in version is not canonical');
    out += String.fromCharCode(Number.parseInt(hex, 16));
    i += 2;
  }
  return out;
}

// Type-specific canonical rules the vers-spec tests require of the `datetime` type (RFC 3339).
function checkTypeSpecific(input: string, type: string, rawVersion: string): void {
  if (type !== 'datetime') return;
  if (/%3A/i.test(rawVersion)) throw new VersSyntaxError(input, 'datetime time colons must be unencoded');
  if (/[tz]/.test(rawVersion)) throw new VersSyntaxError(input, 'datetime must use uppercase T and Z');
}

function parseConstraint(input: string, type: string, text: string): VersConstraint {
  if (text.startsWith('=')) {
    throw new VersSyntaxError(input, `"${text}": equality is a bare version, without a leading "="`);
  }
  const comparator = COMPARATORS.find((op) => text.startsWith(op)) ?? '=';
  const raw = comparator === '=' ? text : text.slice(comparator.length);
  if (raw.length === 0) throw new VersSyntaxError(input, `"${text}": the version is empty`);
  if (raw.includes('*')) throw new VersSyntaxError(input, `"${text}": "*" must stand alone`);
  const version = decodeVersion(input, raw);
  checkTypeSpecific(input, type, raw);
  return { comparator, version };
}

/**
 * Reads the syntax of a vers: scheme, type, constraints (percent-decoded once). It does not check the
 * order of the constraints: that needs the type's version scheme (see parseCanonicalVers).
 */
export function parseVers(input: string): VersRange {
  if (/[\t\n\v\f\r ]/.test(input)) throw new VersSyntaxError(input, 'whitespace is not permitted');
  const colon = input.indexOf(':');
  if (colon < 0 || input.slice(0, colon) !== 'vers') {
    throw new VersSyntaxError(input, 'it must start with the lowercase scheme "vers:"');
  }
  const rest = input.slice(colon + 1);
  const slash = rest.indexOf('/');
  if (slash < 0) throw new VersSyntaxError(input, 'a "/" must separate the type from the constraints');
  const type = rest.slice(0, slash);
  if (!TYPE.test(type)) {
    throw new VersSyntaxError(input, `the type "${type}" must be lowercase ASCII letters, digits, "." or "-"`);
  }
  if (type === 'invalid') throw new VersSyntaxError(input, 'the type "invalid" is reserved to be invalid');
  const body = rest.slice(slash + 1);
  if (body.length === 0) throw new VersSyntaxError(input, 'the constraints are empty');
  if (body === '*') return { type, constraints: [], any: true };
  if (body.startsWith('|')) throw new VersSyntaxError(input, 'leading pipe is not permitted');
  if (body.endsWith('|')) throw new VersSyntaxError(input, 'trailing pipe is not permitted');
  if (body.includes('||')) throw new VersSyntaxError(input, 'consecutive pipes are not permitted');
  const constraints = body.split('|').map((text) => parseConstraint(input, type, text));
  return { type, constraints, any: false };
}

function encodeVersion(version: string): string {
  return version.replace(MUST_ENCODE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Writes a range as a vers string, constraints in the order given. */
export function formatVers(range: VersRange): string {
  if (range.any) return `vers:${range.type}/*`;
  const parts = range.constraints.map((c) => {
    const version = encodeVersion(c.version);
    return c.comparator === '=' ? version : `${c.comparator}${version}`;
  });
  return `vers:${range.type}/${parts.join('|')}`;
}
