import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { SbomImportResult } from '@vigil/contract';

interface SbomImportOptions {
  engagement: string;
  url: string;
  token: string;
}

/**
 * `vigil sbom import`: uploads an SBOM to an engagement through the v1 API (POST
 * /api/v1/engagements/:id/sbom), so the server's validation, authorization and audit apply as they do
 * to any other client.
 */
export function registerSbomCommands(program: Command): void {
  const sbom = program.command('sbom').description("SBOMs: an engagement's (product version's) inventory");
  sbom
    .command('import <file>')
    .description("Replace an engagement's inventory with an SBOM (CycloneDX 1.4–1.6 JSON/XML, SPDX 2.3 JSON)")
    .requiredOption('--engagement <id>', 'engagement id')
    .option('--url <url>', 'server URL', 'http://localhost:8080')
    .requiredOption('--token <key>', 'API token (vigil token create --user <name>)')
    .action(async (file: string, o: SbomImportOptions) => {
      const id = Number(o.engagement);
      if (!Number.isInteger(id) || id <= 0) throw new Error('--engagement must be an engagement id');
      const form = new FormData();
      form.append('file', new Blob([await readFile(file)]), basename(file));
      const res = await fetch(new URL(`/api/v1/engagements/${id}/sbom`, o.url), {
        method: 'POST',
        headers: { authorization: `Token ${o.token}` },
        body: form,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`SBOM import failed (${res.status}): ${errorMessage(text)}`);
      const result = JSON.parse(text) as SbomImportResult;
      console.log(
        result.changed
          ? `Imported ${result.componentCount} components and ${result.dependencyCount} dependencies ` +
              `(${result.encoding} ${result.specVersion}) into engagement ${result.engagementId}.`
          : `Unchanged: engagement ${result.engagementId} already holds this SBOM; nothing was written.`,
      );
      for (const warning of result.warnings) console.log(`warning: ${warning}`);
    });
}

function errorMessage(body: string): string {
  try {
    const error = (JSON.parse(body) as { error?: { message?: string; details?: { path: string }[] } }).error;
    const path = error?.details?.[0]?.path;
    return `${error?.message ?? body.slice(0, 300)}${path && !error?.message?.includes(path) ? ` (at ${path})` : ''}`;
  } catch {
    return body.slice(0, 300);
  }
}
