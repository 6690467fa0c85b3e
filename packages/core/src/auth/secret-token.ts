import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret with a recognisable prefix (so leaked tokens can be spotted). */
export function newSecret(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Tokens and session ids are high-entropy: a SHA-256 digest is the right stored form. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
