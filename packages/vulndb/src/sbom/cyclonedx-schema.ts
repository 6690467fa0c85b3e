// The official CycloneDX 1.4, 1.5 and 1.6 JSON schemas as shipped by @cyclonedx/cyclonedx-library
// 10.3.0 (pinned, Apache-2.0; the package publishes them under res/schema/), compiled once per
// version with ajv 8 (draft-07) and ajv-formats. The schemas are read from the installed package at
// run time, never copied into the repository.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SbomValidationError } from './inventory.ts';
import { linearUniqueItems, withLinearUniqueItems } from './unique-items.ts';

export const CYCLONEDX_VERSIONS = ['1.4', '1.5', '1.6'] as const;
export type CycloneDxVersion = (typeof CYCLONEDX_VERSIONS)[number];

const require = createRequire(import.meta.url);
const schemaFolder = new URL('res/schema/', `file://${require.resolve('@cyclonedx/cyclonedx-library/package.json')}`);
// ajv-formats is CommonJS with a default export; under ESM interop the function may sit one level down.
const addFormats = (
  'default' in addFormatsModule ? addFormatsModule.default : addFormatsModule
) as typeof addFormatsModule.default;

function readSchema(file: string, id?: string): Record<string, unknown> {
  const text = readFileSync(new URL(file, schemaFolder), 'utf8');
  const schema = withLinearUniqueItems(JSON.parse(text)) as Record<string, unknown>;
  // The bom schemas refer to their companions by their SNAPSHOT file names; register them under those.
  return id === undefined ? schema : { ...schema, $id: id };
}

let ajv: Ajv | undefined;
const validators = new Map<CycloneDxVersion, ValidateFunction>();

function createAjv(): Ajv {
  const instance = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  addFormats(instance);
  // Two formats ajv-formats does not define (the library itself pulls ajv-formats-draft2019 for them):
  // an IRI reference may hold any Unicode, so only whitespace is refused; an IDN e-mail needs one @.
  instance.addFormat('iri-reference', /^\S*$/u);
  instance.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  instance.addKeyword(linearUniqueItems);
  instance.addSchema(readSchema('spdx.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json'));
  instance.addSchema(
    readSchema('jsf-0.82.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json'),
  );
  return instance;
}

/** The version's validator, compiled on first use (each large schema takes seconds to compile). */
function validatorOf(version: CycloneDxVersion): ValidateFunction {
  let validate = validators.get(version);
  if (validate === undefined) {
    ajv ??= createAjv();
    validate = ajv.compile(readSchema(`bom-${version}.SNAPSHOT.schema.json`));
    validators.set(version, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return `${error.message} ("${String(error.params.additionalProperty)}")`;
  }
  if (error.keyword === 'enum') {
    // The licence-id enum holds hundreds of ids: name a few, not all.
    const allowed: unknown[] = error.params.allowedValues;
    const shown = allowed.slice(0, 8).map((value) => JSON.stringify(value));
    return `${error.message}: ${shown.join(', ')}${allowed.length > 8 ? `, … (${allowed.length} in all)` : ''}`;
  }
  return error.message ?? error.keyword;
}

/** Validates a BOM against its version's schema; throws SbomValidationError with the first error's path. */
export function validateCycloneDx(version: CycloneDxVersion, bom: unknown): void {
  const validate = validatorOf(version);
  if (validate(bom)) return;
  const first = validate.errors?.[0];
  if (first === undefined) throw new SbomValidationError('', 'does not match the CycloneDX schema');
  throw new SbomValidationError(first.instancePath, describe(first));
}
