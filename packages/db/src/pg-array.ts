/**
 * A PostgreSQL array literal ('{"a",NULL,"b\"c"}') for one bulk parameter; cast it in SQL
 * (`${literal}::int4[]`). Built by hand so every driver (pg, PGlite) sends the same text.
 */
export function pgArrayLiteral(values: ReadonlyArray<string | null>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out += v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}
