import type { AnyJobHandlers, JobDefinition } from './job-definition.ts';

/** Checks that every definition has a handler; startup fails otherwise. */
export function assertHandlers(defs: JobDefinition[], handlers: AnyJobHandlers): void {
  const missing = defs.filter((d) => !handlers[d.name]).map((d) => d.name);
  if (missing.length) throw new Error(`Job(s) without a handler: ${missing.join(', ')}`);
}
