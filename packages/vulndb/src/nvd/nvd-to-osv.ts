// One NVD CVE → one advisory in the OSV model. The NVD publishes no affected packages in OSV's
// sense: its CPE configurations are kept as published in database_specific.nvd.configurations, for
// CPE matching later. The result is checked against the OSV schema like every loaded record.
import { type OsvRecord, ZOsvRecord } from '@vigil/contract';
import { type NvdMetricEntry, nvdSeverities } from './nvd-metrics.ts';
import { nvdReferences } from './nvd-references.ts';
import { type NvdCve, nvdInstantToOsv } from './nvd-schema.ts';

/** The length past which the first sentence of a description is cut for the summary. */
const SUMMARY_LENGTH = 200;
const CWE_ID = /^CWE-[1-9]\d*$/;

export type NvdMapping =
  | { ok: true; record: OsvRecord; warnings: string[] }
  | { ok: false; id: string; reason: string };

/** The English description: `en` first, then any English variant (`en-US`). */
function englishDescription(cve: NvdCve): string | undefined {
  const english = cve.descriptions.filter((d) => /^en(-|$)/i.test(d.lang) && d.value.trim() !== '');
  return (english.find((d) => d.lang.toLowerCase() === 'en') ?? english[0])?.value.trim();
}

/** OSV's summary is one line: the description's first sentence, cut at a word when too long. */
function summaryOf(details: string): string {
  const firstLine = details.split(/\r?\n/, 1)[0];
  const sentence = /^(.+?[.!?])(\s|$)/.exec(firstLine)?.[1] ?? firstLine;
  if (sentence.length <= SUMMARY_LENGTH) return sentence;
  const cut = sentence.slice(0, SUMMARY_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > SUMMARY_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}

function cweIds(cve: NvdCve): string[] {
  const ids = (cve.weaknesses ?? []).flatMap((w) => w.description.map((d) => d.value.trim()));
  // NVD-CWE-Other and NVD-CWE-noinfo are the NVD's words for "no CWE", not CWE ids.
  return [...new Set(ids.filter((id) => CWE_ID.test(id)))];
}

function nvdData(cve: NvdCve, metrics: NvdMetricEntry[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (cve.sourceIdentifier !== undefined) data.sourceIdentifier = cve.sourceIdentifier;
  if (cve.vulnStatus !== undefined) data.vulnStatus = cve.vulnStatus;
  if (metrics.length > 0) data.metrics = metrics;
  if (cve.weaknesses !== undefined && cve.weaknesses.length > 0) data.weaknesses = cve.weaknesses;
  if (cve.configurations !== undefined && cve.configurations.length > 0) data.configurations = cve.configurations;
  return data;
}

/** Maps a validated NVD CVE; a record the OSV schema refuses is reported with its CVE id. */
export function osvFromNvdCve(cve: NvdCve): NvdMapping {
  const { severity, metrics, warnings } = nvdSeverities(cve);
  const { references, warnings: referenceWarnings } = nvdReferences(cve);
  const details = englishDescription(cve);
  const cwes = cweIds(cve);
  const candidate: Record<string, unknown> = {
    id: cve.id,
    modified: nvdInstantToOsv(cve.lastModified),
    published: nvdInstantToOsv(cve.published),
  };
  // A rejected CVE stays in the NVD with its status; OSV says withdrawn, as of the rejection's edit.
  if (cve.vulnStatus === 'Rejected') candidate.withdrawn = candidate.modified;
  if (details !== undefined) {
    candidate.summary = summaryOf(details);
    candidate.details = details;
  }
  if (severity.length > 0) candidate.severity = severity;
  if (references.length > 0) candidate.references = references;
  candidate.database_specific = { ...(cwes.length > 0 ? { cwe_ids: cwes } : {}), nvd: nvdData(cve, metrics) };
  const parsed = ZOsvRecord.safeParse(candidate);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
      .join('; ');
    return { ok: false, id: cve.id, reason: `not a valid OSV record: ${reason}` };
  }
  return { ok: true, record: parsed.data, warnings: [...warnings, ...referenceWarnings] };
}
