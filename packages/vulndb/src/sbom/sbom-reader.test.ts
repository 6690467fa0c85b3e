import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SbomValidationError } from './inventory.ts';
import { readSbom } from './sbom-reader.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

const CYCLONEDX_JSON = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  version: 1,
  metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'shop', version: '2.0.0' } },
  components: [
    {
      type: 'library',
      'bom-ref': 'lodash',
      name: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
      scope: 'required',
      hashes: [{ alg: 'SHA-1', content: 'E6B1000B94E835FFD37F4C6DCBDAD43F4B48A02A' }],
      licenses: [{ expression: 'MIT OR (Apache-2.0 AND BSD-3-Clause)' }],
      components: [{ type: 'library', 'bom-ref': 'inner', name: 'Django_Rest', purl: 'pkg:pypi/Django_Rest@1.0' }],
    },
    {
      type: 'library',
      'bom-ref': 'commons',
      group: 'org.apache',
      name: 'commons-text',
      version: '1.9',
      purl: 'pkg:maven/org.apache/commons-text@1.9',
      licenses: [{ license: { id: 'Apache-2.0' } }],
    },
  ],
  dependencies: [
    { ref: 'app', dependsOn: ['lodash', 'commons'] },
    { ref: 'lodash', dependsOn: ['inner', 'a-service'] },
  ],
};

test('a CycloneDX JSON BOM reads into components, licences and edges', () => {
  const read = readSbom(bytes(JSON.stringify(CYCLONEDX_JSON)));
  assert.equal(read.encoding, 'cyclonedx-json');
  assert.match(read.contentHash, /^[0-9a-f]{64}$/);
  const { inventory } = read;
  assert.equal(inventory.rootRef, 'app');
  assert.deepEqual(
    inventory.components.map((c) => [c.bomRef, c.purlType, c.ecosystem, c.normalizedName, c.version]),
    [
      ['app', null, null, 'shop', '2.0.0'],
      ['lodash', 'npm', 'npm', 'lodash', '4.17.20'],
      ['inner', 'pypi', 'PyPI', 'django-rest', null],
      ['commons', 'maven', 'Maven', 'org.apache:commons-text', '1.9'],
    ],
  );
  const lodash = inventory.components[1];
  assert.deepEqual(lodash.hashes, [{ alg: 'SHA-1', value: 'e6b1000b94e835ffd37f4c6dcbdad43f4b48a02a' }]);
  assert.deepEqual(lodash.licenses, [
    {
      expression: 'MIT OR Apache-2.0 AND BSD-3-Clause',
      ids: ['MIT', 'Apache-2.0', 'BSD-3-Clause'],
      name: null,
      acknowledgement: null,
    },
  ]);
  assert.deepEqual(inventory.dependencies, [
    { from: 'app', to: 'lodash' },
    { from: 'app', to: 'commons' },
    { from: 'lodash', to: 'inner' },
  ]);
  assert.deepEqual(inventory.warnings, ['1 dependency reference(s) name no component and were left out']);
});

const CYCLONEDX_XML = `<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5"
  serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
  <metadata><component type="application" bom-ref="app"><name>shop</name><version>2.0.0</version></component></metadata>
  <components>
    <component type="library" bom-ref="lodash">
      <name>lodash</name><version>4.17.20</version><scope>required</scope>
      <hashes><hash alg="SHA-1">E6B1000B94E835FFD37F4C6DCBDAD43F4B48A02A</hash></hashes>
      <licenses><expression>MIT OR (Apache-2.0 AND BSD-3-Clause)</expression></licenses>
      <purl>pkg:npm/lodash@4.17.20</purl>
      <components><component type="library" bom-ref="inner"><name>Django_Rest</name>
        <purl>pkg:pypi/Django_Rest@1.0</purl></component></components>
    </component>
    <component type="library" bom-ref="commons"><group>org.apache</group><name>commons-text</name>
      <version>1.9</version><licenses><license><id>Apache-2.0</id></license></licenses>
      <purl>pkg:maven/org.apache/commons-text@1.9</purl></component>
  </components>
  <dependencies>
    <dependency ref="app"><dependency ref="lodash"/><dependency ref="commons"/></dependency>
    <dependency ref="lodash"><dependency ref="inner"/><dependency ref="a-service"/></dependency>
  </dependencies>
</bom>`;

test('the same BOM in XML reads into the same inventory', () => {
  const fromXml = readSbom(bytes(CYCLONEDX_XML));
  const fromJson = readSbom(bytes(JSON.stringify(CYCLONEDX_JSON)));
  assert.equal(fromXml.encoding, 'cyclonedx-xml');
  assert.deepEqual(fromXml.inventory, fromJson.inventory);
});

test('XML with a DOCTYPE is refused (no external entities)', () => {
  const xxe = `<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>
  <component type="library"><name>&x;</name></component>
</components></bom>`;
  assert.throws(() => readSbom(bytes(xxe)), /DOCTYPE/);
});

test('a refused BOM says where: the path of the first schema error', () => {
  const bad = structuredClone(CYCLONEDX_JSON);
  bad.components[1].version = 1 as unknown as string;
  assert.throws(
    () => readSbom(bytes(JSON.stringify(bad))),
    (error: unknown) => error instanceof SbomValidationError && error.path === '/components/1/version',
  );
  assert.throws(() => readSbom(bytes('{"bomFormat":"CycloneDX","specVersion":"1.3"}')), /1\.3 is not read/);
  assert.throws(() => readSbom(bytes('not an sbom')), /neither JSON nor XML/);
  const duplicate = structuredClone(CYCLONEDX_JSON);
  duplicate.components[1]['bom-ref'] = 'lodash';
  assert.throws(() => readSbom(bytes(JSON.stringify(duplicate))), /bom-ref "lodash" is not unique/);
});

const SPDX = {
  spdxVersion: 'SPDX-2.3',
  dataLicense: 'CC0-1.0',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'shop',
  documentNamespace: 'https://example.com/spdx/shop-2.0.0',
  creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: syft'] },
  packages: [
    {
      SPDXID: 'SPDXRef-app',
      name: 'shop',
      versionInfo: '2.0.0',
      downloadLocation: 'NOASSERTION',
      primaryPackagePurpose: 'APPLICATION',
    },
    {
      SPDXID: 'SPDXRef-lodash',
      name: 'lodash',
      versionInfo: '4.17.20',
      downloadLocation: 'NOASSERTION',
      licenseDeclared: 'MIT',
      licenseConcluded: 'NOASSERTION',
      checksums: [
        { algorithm: 'SHA256', checksumValue: 'F498A8FF2DD007E29C2074F5E4B01A9A01775C3FF3AEAF6906EA503BC5791B7B' },
      ],
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/lodash@4.17.20' },
      ],
    },
    { SPDXID: 'SPDXRef-jest', name: 'jest', versionInfo: '29.0.0', downloadLocation: 'NOASSERTION' },
  ],
  relationships: [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-app' },
    { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-lodash' },
    { spdxElementId: 'SPDXRef-jest', relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app' },
  ],
};

test('an SPDX 2.3 JSON document reads into the inventory', () => {
  const { inventory, encoding } = readSbom(bytes(JSON.stringify(SPDX)));
  assert.equal(encoding, 'spdx-json');
  assert.equal(inventory.rootRef, 'SPDXRef-app');
  assert.equal(inventory.serialNumber, 'https://example.com/spdx/shop-2.0.0');
  const lodash = inventory.components[1];
  assert.deepEqual([lodash.type, lodash.purl, lodash.normalizedName], ['library', 'pkg:npm/lodash@4.17.20', 'lodash']);
  assert.deepEqual(lodash.hashes, [
    { alg: 'SHA-256', value: 'f498a8ff2dd007e29c2074f5e4b01a9a01775c3ff3aeaf6906ea503bc5791b7b' },
  ]);
  assert.deepEqual(lodash.licenses, [{ expression: 'MIT', ids: ['MIT'], name: null, acknowledgement: 'declared' }]);
  assert.equal(inventory.components[0].type, 'application');
  assert.deepEqual(inventory.dependencies, [
    { from: 'SPDXRef-app', to: 'SPDXRef-lodash' },
    { from: 'SPDXRef-app', to: 'SPDXRef-jest' },
  ]);
});

test('an SPDX document that breaks the 2.3 schema is refused with the path', () => {
  const bad = structuredClone(SPDX);
  bad.packages[1].checksums = [{ algorithm: 'SHA999', checksumValue: 'zz' }];
  assert.throws(
    () => readSbom(bytes(JSON.stringify(bad))),
    (error: unknown) => error instanceof SbomValidationError && error.path === '/packages/1/checksums/0/algorithm',
  );
  assert.throws(() => readSbom(bytes(JSON.stringify({ ...SPDX, spdxVersion: 'SPDX-2.2' }))), /SPDX-2.2 is not read/);
});
