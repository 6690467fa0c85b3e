import { parserForScanType, type Parser } from '@vigil/parsers';
import { AppError } from '../errors/app-error.ts';

/**
 * The parser for a scan-type name (any case) and the name as the parser spells it. The one place
 * an import's scan type is resolved: the synchronous import, and the asynchronous one before it
 * queues (so a wrong name is a 400 at once, not a failed job).
 */
export function resolveScanType(name: string): { parser: Parser; scanType: string } {
  const parser = parserForScanType(name);
  if (!parser) {
    throw new AppError(
      'BAD_REQUEST',
      `Unknown scan type "${name.slice(0, 100)}"; GET /api/v2/test_types/ (or /api/v1/import/scan-types) lists the ` +
        `valid names`,
      [{ path: 'scan_type', message: 'unknown scan type' }],
    );
  }
  const wanted = name.trim().toLowerCase();
  return { parser, scanType: parser.scanTypes.find((t) => t.toLowerCase() === wanted) ?? name };
}
