import { z } from 'zod';
import { PG_INT_MAX } from '../common/common.contract.ts';
import { FINDING_LIMITS, SEVERITIES } from '../finding/finding-values.ts';

// The field types of the import forms (Vigil's and DefectDojo's multipart forms): every value
// arrives as text, as forms and `curl -F` send it.

/** 'true'/'false'/'1'/'0'/'on' as sent by forms and curl -F. */
export const zFormBool = () =>
  z
    .enum(['true', 'false', 'True', 'False', '1', '0', 'on', 'off'])
    .transform((v) => ['true', 'True', '1', 'on'].includes(v))
    .optional();
export const zFormId = () => z.coerce.number().int().min(1).max(PG_INT_MAX).optional();
export const zFormText = (max = 255) => z.string().trim().min(1).max(max).optional();
/** A severity in any case ("high", "HIGH"), as DefectDojo accepts it. */
export const zFormSeverity = () =>
  z
    .string()
    .transform((v) => v.charAt(0).toUpperCase() + v.slice(1).toLowerCase())
    .pipe(z.enum(SEVERITIES))
    .optional();
/** Tags as repeated fields, or one comma-separated field. */
export const zFormTags = () =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((t) => t.split(','))
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(FINDING_LIMITS.tag)).max(FINDING_LIMITS.tagCount))
    .optional();
/** A date; a datetime is cut to its date, as DefectDojo reads it. */
export const zFormDay = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date YYYY-MM-DD')
    .transform((v) => v.slice(0, 10))
    .optional();
