import { z } from 'zod';
import {
  OSV_CREDIT_TYPES,
  OSV_EVENT_KINDS,
  OSV_LIMITS as L,
  OSV_RANGE_TYPES,
  OSV_REFERENCE_TYPES,
  OSV_SEVERITY_TYPES,
  OSV_UBUNTU_PRIORITIES,
} from './osv-values.ts';

// The OSV record (https://ossf.github.io/osv-schema/, validation/schema.json) as zod schemas: what
// the loaders accept, written from the official JSON schema rule by rule. Deliberate differences,
// documented in docs/vulndb.md "Loading OSV":
// - `id` and `ecosystem` are checked for shape, not against the schema's lists of home databases
//   and ecosystems: those lists grow every month, and a sync must not drop a new database's records.
// - The osv-linter's range rule that JSON Schema cannot say is enforced: a range's events carry
//   distinct values (an interval that is introduced and fixed at the same version is a mistake).
// Objects inside a record keep fields this version does not know (the schema allows them), and the
// record itself allows none (the schema's additionalProperties: false).

/** RFC 3339 in UTC, as every OSV database writes it. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** `<DATABASE>-<ENTRY>` (SUSE-FU-2022:0444-1, GHSA-…, CVE-…), or a private `x_` id. */
const ID = /^(x_\S+|[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*-\S+)$/;
/** `<Ecosystem>` or `<Ecosystem>:<suffix>` (Debian:12, Alpine:v3.16). */
const ECOSYSTEM = /^[^:\s][^:]*(:.+)?$/;
const GIT_COMMIT = /^(0|[a-f0-9]{40}|[a-f0-9]{64})$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

const CVSS_V2_PART =
  '(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)' +
  '|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))';
const CVSS_V3_PART =
  '(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]' +
  '|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])';
const CVSS_V2 = new RegExp(`^(${CVSS_V2_PART}/)*${CVSS_V2_PART}$`);
const CVSS_V3 = new RegExp(`^CVSS:3[.][01]/(${CVSS_V3_PART}/)*${CVSS_V3_PART}$`);
const CVSS_V4 = new RegExp(
  '^CVSS:4[.]0/AV:[NALP]/AC:[LH]/AT:[NP]/PR:[NLH]/UI:[NPA]/VC:[HLN]/VI:[HLN]/VA:[HLN]/SC:[HLN]/SI:[HLN]' +
    '/SA:[HLN](/E:[XAPU])?(/CR:[XHML])?(/IR:[XHML])?(/AR:[XHML])?(/MAV:[XNALP])?(/MAC:[XLH])?' +
    '(/MAT:[XNP])?(/MPR:[XNLH])?(/MUI:[XNPA])?(/MVC:[XNLH])?(/MVI:[XNLH])?(/MVA:[XNLH])?' +
    '(/MSC:[XNLH])?(/MSI:[XNLHS])?(/MSA:[XNLHS])?(/S:[XNP])?(/AU:[XNY])?(/R:[XAUI])?(/V:[XDC])?' +
    '(/RE:[XLMH])?(/U:(X|Clear|Green|Amber|Red))?$',
);
/** The score patterns of the schema's severity rules, per type. */
const SEVERITY_SCORE: Record<(typeof OSV_SEVERITY_TYPES)[number], (score: string) => boolean> = {
  CVSS_V2: (s) => CVSS_V2.test(s),
  CVSS_V3: (s) => CVSS_V3.test(s),
  CVSS_V4: (s) => CVSS_V4.test(s),
  Ubuntu: (s) => (OSV_UBUNTU_PRIORITIES as readonly string[]).includes(s),
};

const zTimestamp = z
  .string()
  .regex(TIMESTAMP, 'must be an RFC 3339 UTC timestamp (2024-01-31T12:00:00Z)')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date and time');
const zIdList = z.array(z.string().max(L.id)).max(L.idList);
const zObject = z.record(z.string(), z.unknown());

export const ZOsvSeverity = z
  .looseObject({ type: z.enum(OSV_SEVERITY_TYPES), score: z.string().max(L.severityScore) })
  .refine((s) => SEVERITY_SCORE[s.type](s.score), {
    message: 'score is not a valid vector (or Ubuntu priority) of its type',
    path: ['score'],
  });
const zSeverities = z.array(ZOsvSeverity).max(L.severities).nullable();

const zEventValue = z.string().min(1).max(L.version);
export const ZOsvEvent = z
  .looseObject({
    introduced: zEventValue.optional(),
    fixed: zEventValue.optional(),
    last_affected: zEventValue.optional(),
    limit: zEventValue.optional(),
  })
  .refine((e) => OSV_EVENT_KINDS.filter((k) => e[k] !== undefined).length === 1, {
    message: 'an event has exactly one of introduced, fixed, last_affected or limit',
  });
export type OsvEvent = z.infer<typeof ZOsvEvent>;

/** The value of an event, whichever kind it is. */
export function osvEventValue(e: OsvEvent): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
}

export const ZOsvRange = z
  .looseObject({
    type: z.enum(OSV_RANGE_TYPES),
    repo: z.string().max(L.url).optional(),
    events: z.array(ZOsvEvent).min(1).max(L.events),
    database_specific: zObject.optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (message: string, path: PropertyKey[] = ['events']) =>
      ctx.addIssue({ code: 'custom', message, path });
    if (!r.events.some((e) => e.introduced !== undefined)) issue('events must contain an introduced event');
    if (r.events.some((e) => e.fixed !== undefined) && r.events.some((e) => e.last_affected !== undefined))
      issue('last_affected and fixed events are mutually exclusive');
    if (r.type === 'GIT') {
      if (r.repo === undefined) issue('GIT ranges require a repo', ['repo']);
      r.events.forEach((e, i) => {
        if (!GIT_COMMIT.test(osvEventValue(e))) issue('GIT ranges must use full-length commit hashes', ['events', i]);
      });
    }
    const seen = new Set<string>();
    for (const e of r.events) {
      const v = osvEventValue(e);
      if (seen.has(v)) issue(`events are not distinct: "${v.slice(0, 80)}" appears twice`);
      seen.add(v);
    }
  });
export type OsvRange = z.infer<typeof ZOsvRange>;

export const ZOsvPackage = z.looseObject({
  ecosystem: z.string().max(L.ecosystem).regex(ECOSYSTEM, 'must be "<Ecosystem>" or "<Ecosystem>:<suffix>"'),
  name: z.string().max(L.packageName),
  purl: z.string().max(L.purl).optional(),
});

export const ZOsvAffected = z.looseObject({
  package: ZOsvPackage.optional(),
  severity: zSeverities.optional(),
  ranges: z.array(ZOsvRange).max(L.ranges).optional(),
  versions: z.array(z.string().max(L.version)).max(L.versions).optional(),
  ecosystem_specific: zObject.optional(),
  database_specific: zObject.optional(),
});
export type OsvAffected = z.infer<typeof ZOsvAffected>;

export const ZOsvReference = z.looseObject({
  type: z.enum(OSV_REFERENCE_TYPES),
  url: z.string().max(L.url).regex(URI, 'must be a URI'),
});

export const ZOsvCredit = z.looseObject({
  name: z.string().max(L.creditName),
  contact: z.array(z.string().max(L.url)).max(L.contacts).optional(),
  type: z.enum(OSV_CREDIT_TYPES).optional(),
});

/** One OSV record as published. */
export const ZOsvRecord = z
  .strictObject({
    schema_version: z.string().max(32).optional(),
    id: z.string().max(L.id).regex(ID, 'must be "<DATABASE>-<ENTRY>" (GHSA-…, CVE-…, PYSEC-…)'),
    modified: zTimestamp,
    published: zTimestamp.optional(),
    withdrawn: zTimestamp.optional(),
    aliases: zIdList.nullable().optional(),
    related: zIdList.optional(),
    upstream: zIdList.optional(),
    summary: z.string().max(L.summary).optional(),
    details: z.string().max(L.details).optional(),
    severity: zSeverities.optional(),
    affected: z.array(ZOsvAffected).max(L.affected).nullable().optional(),
    references: z.array(ZOsvReference).max(L.references).nullable().optional(),
    credits: z.array(ZOsvCredit).max(L.credits).optional(),
    database_specific: zObject.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.severity === undefined) return;
    r.affected?.forEach((a, i) => {
      if (a.severity != null)
        ctx.addIssue({
          code: 'custom',
          message: 'a record with a top-level severity cannot also give one per affected package',
          path: ['affected', i, 'severity'],
        });
    });
  });
export type OsvRecord = z.infer<typeof ZOsvRecord>;
