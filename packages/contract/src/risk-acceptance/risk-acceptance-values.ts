// The risk acceptance's value lists, without zod (the web app imports them through @vigil/contract/values).

/** What was decided about the accepted findings (DefectDojo's risk acceptance decisions). */
export const RISK_DECISIONS = ['accept', 'avoid', 'mitigate', 'fix', 'transfer'] as const;
export type RiskDecision = (typeof RISK_DECISIONS)[number];
