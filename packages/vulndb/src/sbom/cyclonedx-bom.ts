// A CycloneDX BOM in its JSON model (read from JSON, or converted from XML) → the inventory. The BOM
// has passed its schema; this reads components (nested ones flattened), licences and dependencies.
import { componentIdentity } from './component-identity.ts';
import {
  type ComponentHash,
  type ComponentLicense,
  type ComponentScope,
  type DependencyEdge,
  SBOM_LIMITS,
  type SbomComponent,
  type SbomInventory,
  SbomValidationError,
} from './inventory.ts';
import { licenseFromExpression, licenseFromIdOrName } from './spdx-license.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function acknowledgementOf(value: unknown): ComponentLicense['acknowledgement'] {
  return value === 'declared' || value === 'concluded' ? value : null;
}

function licensesOf(choices: unknown): ComponentLicense[] {
  const licenses: ComponentLicense[] = [];
  for (const choice of objects(choices)) {
    const expression = text(choice.expression);
    if (expression !== undefined) {
      licenses.push(licenseFromExpression(expression, acknowledgementOf(choice.acknowledgement)));
    } else if (isObject(choice.license)) {
      const license = choice.license;
      licenses.push(
        licenseFromIdOrName(text(license.id), text(license.name), acknowledgementOf(license.acknowledgement)),
      );
    }
  }
  return licenses.slice(0, SBOM_LIMITS.maxLicensesPerComponent);
}

function hashesOf(value: unknown): ComponentHash[] {
  return objects(value).map((hash) => ({ alg: String(hash.alg), value: String(hash.content).toLowerCase() }));
}

function scopeOf(value: unknown): ComponentScope | null {
  return value === 'required' || value === 'optional' || value === 'excluded' ? value : null;
}

class InventoryBuilder {
  readonly components: SbomComponent[] = [];
  readonly warnings: string[] = [];
  private readonly refs = new Set<string>();

  add(component: Json, path: string): string {
    if (this.components.length >= SBOM_LIMITS.maxComponents) {
      throw new SbomValidationError(path, `more than ${SBOM_LIMITS.maxComponents} components`);
    }
    const declared = text(component['bom-ref']);
    if (declared !== undefined && this.refs.has(declared)) {
      throw new SbomValidationError(`${path}/bom-ref`, `bom-ref "${declared}" is not unique in the BOM`);
    }
    const bomRef = declared ?? `vigil:component:${this.components.length}`;
    this.refs.add(bomRef);
    const name = String(component.name);
    const group = text(component.group) ?? null;
    const identity = componentIdentity(text(component.purl), group, name, (message) =>
      this.warnings.push(`${path}/purl: ${message}`),
    );
    this.components.push({
      bomRef,
      type: String(component.type),
      name,
      group,
      version: text(component.version) ?? null,
      ...identity,
      scope: scopeOf(component.scope),
      hashes: hashesOf(component.hashes),
      licenses: licensesOf(component.licenses),
    });
    objects(component.components).forEach((child, index) => {
      this.add(child, `${path}/components/${index}`);
    });
    return bomRef;
  }

  has(ref: string): boolean {
    return this.refs.has(ref);
  }
}

function dependenciesOf(bom: Json, builder: InventoryBuilder): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  const seen = new Set<string>();
  const unknown = new Set<string>();
  for (const [index, dependency] of objects(bom.dependencies).entries()) {
    const from = String(dependency.ref);
    const targets = Array.isArray(dependency.dependsOn) ? dependency.dependsOn : [];
    for (const target of targets) {
      const to = String(target);
      // Dependencies may name services too; only edges between components are kept.
      if (!builder.has(from) || !builder.has(to)) {
        unknown.add(builder.has(from) ? to : from);
        continue;
      }
      const key = `${from}\u0000${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (edges.length >= SBOM_LIMITS.maxDependencyEdges) {
        throw new SbomValidationError(`/dependencies/${index}`, `more than ${SBOM_LIMITS.maxDependencyEdges} edges`);
      }
      edges.push({ from, to });
    }
  }
  if (unknown.size > 0) {
    builder.warnings.push(`${unknown.size} dependency reference(s) name no component and were left out`);
  }
  return edges;
}

/** The inventory of a schema-valid CycloneDX BOM in its JSON model. */
export function inventoryOfCycloneDx(bom: Json, specVersion: string): SbomInventory {
  const builder = new InventoryBuilder();
  const metadata = isObject(bom.metadata) ? bom.metadata : {};
  const root = isObject(metadata.component) ? builder.add(metadata.component, '/metadata/component') : null;
  objects(bom.components).forEach((component, index) => {
    builder.add(component, `/components/${index}`);
  });
  const dependencies = dependenciesOf(bom, builder);
  return {
    format: 'cyclonedx',
    specVersion,
    serialNumber: text(bom.serialNumber) ?? null,
    rootRef: root,
    components: builder.components,
    dependencies,
    warnings: builder.warnings,
  };
}
