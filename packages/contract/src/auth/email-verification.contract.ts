import { z } from 'zod';
import { zId } from '../common/common.contract.ts';

// Address verification (/api/v1/auth/verify-email…): the emailed link opens a confirmation page
// (HTML), whose button — or any client — posts the token.

const token = () => z.string().min(1).max(200).describe('the secret of the link sent by email');
export const ZVerifyEmailQuery = z.object({ token: token() });
export const ZVerifyEmailRequest = z.object({
  token: token(),
  /** The confirmation page's form carries the session's CSRF token (for a signed-in browser). */
  _csrf: z.string().max(200).optional(),
});

/** The confirmation page, or (for a form post) the page saying the address is verified. */
export const ZHtmlPage = z.string().describe('an HTML page (text/html)');

/** A JSON client's answer to POST /api/v1/auth/verify-email. */
export const ZEmailVerified = z.object({
  verified: z.literal(true),
  user: z.object({ id: zId(), username: z.string(), email: z.string() }),
  invitationsReceived: z.number().int().describe('how many team invitations to the address the user now holds'),
});
export type EmailVerified = z.infer<typeof ZEmailVerified>;
/** POST /api/v1/auth/verify-email answers a JSON client in JSON and a form post with a page. */
export const ZVerifyEmailAnswer = z
  .union([ZEmailVerified, ZHtmlPage])
  .describe('JSON (ZEmailVerified) for a JSON request; an HTML page for a form post');
