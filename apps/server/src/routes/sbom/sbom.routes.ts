import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentComponentUsage, presentInventoryComponent } from '@vigil/core';
import {
  SBOM_CONTENT_TYPES,
  SBOM_UPLOAD_MAX_BYTES,
  ZComponentListQuery,
  ZComponentUsagePage,
  ZComponentUsageQuery,
  ZInventoryComponentPage,
  ZSbomDiff,
  ZSbomDiffQuery,
  ZSbomEngagementParams,
  ZSbomImportResult,
  ZSbomUploadBody,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { pageOf } from '../common.schemas.ts';
import { sbomBytes } from './sbom-upload.ts';

/** SBOM inventories of engagements (docs/api.md "SBOM inventory"). */
export function sbomRoutes(app: FastifyInstance, s: Services): void {
  const tags = ['sbom'];
  // Its own context: the upload keeps JSON and XML bodies as bytes (the SBOM's hash is of what was sent).
  app.register(async (child) => {
    child.removeContentTypeParser('application/json');
    child.addContentTypeParser(
      [...SBOM_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: SBOM_UPLOAD_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/engagements/:id/sbom',
      {
        config: { upload: true },
        bodyLimit: SBOM_UPLOAD_MAX_BYTES,
        schema: {
          tags,
          consumes: ['multipart/form-data', ...SBOM_CONTENT_TYPES],
          params: ZSbomEngagementParams,
          body: ZSbomUploadBody,
          response: { 200: ZSbomImportResult },
          description:
            "Replaces the engagement's inventory with an SBOM (CycloneDX 1.4–1.6 JSON or XML, SPDX 2.3 JSON), " +
            'validated against its schema (422 naming the path of the first error). An SBOM identical to the ' +
            'stored one writes nothing (changed: false). Needs Writer on the product.',
        },
      },
      async (req) => s.sbom.import(ctx(req), req.params.id, await sbomBytes(req)),
    );
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/engagements/:id/components',
    {
      schema: {
        tags,
        params: ZSbomEngagementParams,
        querystring: ZComponentListQuery,
        response: { 200: ZInventoryComponentPage },
        description: "The engagement's inventory: components by name, searched in name, group and purl; keyset pages.",
      },
    },
    async (req) => pageOf(await s.sbom.components(ctx(req), req.params.id, req.query), presentInventoryComponent),
  );
  r.get(
    '/api/v1/components',
    {
      schema: {
        tags,
        querystring: ZComponentUsageQuery,
        response: { 200: ZComponentUsagePage },
        description:
          'The product versions (engagements) whose inventory holds the package a purl names (every version, or ' +
          "the purl's own), among the products the caller reads.",
      },
    },
    async (req) => pageOf(await s.sbom.usages(ctx(req), req.query), presentComponentUsage),
  );
  r.get(
    '/api/v1/engagements/:id/sbom-diff',
    {
      schema: {
        tags,
        params: ZSbomEngagementParams,
        querystring: ZSbomDiffQuery,
        response: { 200: ZSbomDiff },
        description:
          "Packages added, removed, or with other versions in this engagement's inventory against another's.",
      },
    },
    async (req) => s.sbom.diff(ctx(req), req.params.id, req.query.against),
  );
}
