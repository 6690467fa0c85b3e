import type { NotificationRow } from '@vigil/db';

const CEF_SEVERITY: Record<string, number> = { Critical: 10, High: 8, Medium: 5, Low: 3, Info: 1 };

/** CEF header fields escape `\` and `|`. */
function header(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

/** CEF extension values escape `\`, `=` and line breaks. */
function ext(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r?\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * ArcSight Common Event Format:
 * `CEF:0|Vigil|Vigil|<version>|<signature id>|<name>|<severity 0-10>|<key=value …>`.
 */
export function cefMessage(n: NotificationRow, version: string, deliveryKey: string, link: string | null): string {
  const fields: [string, string | number | null][] = [
    ['rt', n.created_at.getTime()],
    ['externalId', deliveryKey],
    ['cat', n.type],
    ['msg', n.body.slice(0, 2000)],
    ['cs1Label', 'productId'],
    ['cs1', n.product_id],
    ['cs2Label', 'severity'],
    ['cs2', n.severity],
    ['request', link],
  ];
  const extension = fields
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${ext(String(v))}`)
    .join(' ');
  const severity = n.severity ? (CEF_SEVERITY[n.severity] ?? 3) : 3;
  return `CEF:0|Vigil|Vigil|${header(version)}|${header(n.type)}|${header(n.title)}|${severity}|${extension}`;
}
