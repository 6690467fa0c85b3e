import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildOpenApiDocument } from '../http/openapi-document.ts';

export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description('Print the OpenAPI 3 document (or write it with --out)')
    .option('--out <file>', 'write to this file')
    .action(async (o: { out?: string }) => {
      const text = `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    });
}
