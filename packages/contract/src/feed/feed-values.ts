// The team feed's limits, without zod (the web app and the feed pages may import them at run time
// through @vigil/contract/values).

/** The longest post, in characters (MiniTwit's messages share it). */
export const MAX_POST_LENGTH = 1000;
/** The most posts one timeline page holds. */
export const MAX_TIMELINE_PAGE = 100;
/** Posts per timeline page when the caller does not say. */
export const DEFAULT_TIMELINE_PAGE = 30;
