/** Column types shared by the table types (schema.ts and its per-area files). */
import type { ColumnType } from 'kysely';

export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A SQL date, read and written as 'YYYY-MM-DD'. */
export type DateString = ColumnType<string, string | undefined, string>;
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
export type Json = ColumnType<unknown, string | undefined | null, string | null>;
/** numeric columns come back as numbers (type parser in create-database.ts). */
export type Numeric = ColumnType<number, number | string | null | undefined, number | string | null>;

export type { Severity } from '@vigil/contract/values';
// The role lists are the API contract's, declared once (@vigil/contract/values).
export type { ProductRole, TeamRole } from '@vigil/contract/values';
