import { z } from 'zod';

// The MiniTwit simulator API (VIGIL_MINITWIT_SIMULATOR, docs/feed.md): MiniTwit's own wire format,
// field for field, as the course's simulator sends and reads it. The routes are hidden from the
// OpenAPI document (off unless configured); these schemas serialize and check their answers.

/** GET /latest: the last `latest` query value any request carried (-1 before the first). */
export const ZMinitwitLatest = z.object({ latest: z.number().int() });

/** One message; `pub_date` is Unix seconds, as MiniTwit stores it. */
export const ZMinitwitMessage = z.object({ content: z.string(), pub_date: z.number().int(), user: z.string() });
export type MinitwitMessage = z.infer<typeof ZMinitwitMessage>;
export const ZMinitwitMessages = z.array(ZMinitwitMessage);

/** GET /fllws/{username}: the usernames the user follows. */
export const ZMinitwitFollows = z.object({ follows: z.array(z.string()) });

/** Every MiniTwit error: the status again, and MiniTwit's exact message. */
export const ZMinitwitError = z.object({ status: z.number().int(), error_msg: z.string() });
