// JSON Schema's `uniqueItems` in linear time. ajv checks it by comparing every pair of items, which
// makes a BOM's `components` array (uniqueItems in every CycloneDX schema) quadratic: a 10,000-component
// SBOM spent most of its validation there. The schemas are read with `uniqueItems` renamed to this
// keyword, which compares canonical JSON texts (keys sorted) in a Set — the same equality.
import type { KeywordDefinition, SchemaValidateFunction } from 'ajv';

export const LINEAR_UNIQUE_ITEMS = 'vigilUniqueItems';

/** The schema with every `uniqueItems: true` as the linear keyword (a copy; the input is untouched). */
export function withLinearUniqueItems(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withLinearUniqueItems);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'uniqueItems' && value === true) out[LINEAR_UNIQUE_ITEMS] = true;
    // `enum` and `const` hold data, not schemas: copied as they are.
    else out[key] = key === 'enum' || key === 'const' ? value : withLinearUniqueItems(value);
  }
  return out;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const validate: SchemaValidateFunction = (enabled: boolean, data: unknown[]) => {
  validate.errors = undefined;
  if (!enabled) return true;
  const seen = new Map<string, number>();
  for (const [index, item] of data.entries()) {
    const text = canonical(item);
    const first = seen.get(text);
    if (first !== undefined) {
      validate.errors = [
        {
          keyword: 'uniqueItems',
          message: `must NOT have duplicate items (items ## ${first} and ${index} are identical)`,
          params: { i: index, j: first },
        },
      ];
      return false;
    }
    seen.set(text, index);
  }
  return true;
};

export const linearUniqueItems: KeywordDefinition = {
  keyword: LINEAR_UNIQUE_ITEMS,
  type: 'array',
  schemaType: 'boolean',
  errors: true,
  validate,
};
