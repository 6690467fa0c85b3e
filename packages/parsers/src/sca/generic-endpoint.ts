import type { ParsedEndpoint } from '../parser.ts';
import { asRecord, asText } from '../common/json-shape.ts';
import { toInt } from '../common/fields.ts';

/** An endpoint given as a URL ("https://h:8443/p"), a bare host ("h/p"), or an object of parts. */
export function endpointFrom(value: unknown): ParsedEndpoint | undefined {
  const text = asText(value);
  if (text !== undefined) {
    const raw = text.trim();
    if (!raw) return undefined;
    try {
      const url = new URL(raw.includes('://') ? raw : `none://${raw}`);
      const endpoint: ParsedEndpoint = { host: url.hostname || undefined };
      if (raw.includes('://')) {
        endpoint.url = raw;
        endpoint.protocol = url.protocol.replace(/:$/, '');
      }
      if (url.port) endpoint.port = Number(url.port);
      const path = url.pathname.replace(/^\//, '');
      if (path) endpoint.path = decodeURIComponent(path);
      return endpoint;
    } catch {
      return { host: raw };
    }
  }
  const record = asRecord(value);
  if (!record) return undefined;
  const endpoint: ParsedEndpoint = {
    protocol: asText(record.protocol),
    host: asText(record.host),
    port: toInt(record.port),
    path: asText(record.path),
  };
  return endpoint.host || endpoint.path ? endpoint : undefined;
}
