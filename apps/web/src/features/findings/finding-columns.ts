/** Grid columns of the findings table; `wide` ones are hidden below 1100px (tablets). */
export const FINDING_COLUMNS = [
  { key: 'select', label: 'Select', width: '36px' },
  { key: 'severity', label: 'Severity', width: '90px' },
  { key: 'title', label: 'Title', width: 'minmax(160px, 1fr)' },
  { key: 'product', label: 'Product', width: '120px', wide: true },
  { key: 'cwe', label: 'CWE', width: '70px', wide: true },
  { key: 'cve', label: 'CVE', width: '130px' },
  { key: 'component', label: 'Component', width: '130px', wide: true },
  { key: 'status', label: 'Status', width: '100px' },
  { key: 'sla', label: 'SLA', width: '56px' },
  { key: 'date', label: 'Date', width: '92px', wide: true },
] as const;

export type FindingColumnKey = (typeof FINDING_COLUMNS)[number]['key'];

export function visibleColumns(wide: boolean) {
  return FINDING_COLUMNS.filter((c) => wide || !('wide' in c && c.wide));
}

export function gridTemplate(wide: boolean): string {
  return visibleColumns(wide)
    .map((c) => c.width)
    .join(' ');
}
