/** Chat's limits (docs/realtime.md), without zod: the web app may read them at run time. */
export const CHAT_LIMITS = { bodyMaxChars: 10_000, pageMax: 100, searchMax: 50, mentionsMax: 20 } as const;
