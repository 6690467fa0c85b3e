import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { assessPassword } from './password-policy.ts';

// argon2id (Algorithm.Argon2id = 2) with OWASP's recommended minimum cost.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password with the same cost as real ones, made once per process: logins for
 * unknown, inactive or password-less users verify against it, so they take as long as real ones and
 * the answer time does not tell which usernames exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64url'));
  return dummyHash;
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Why a password chosen in Vigil is refused (see password-policy.ts), or undefined when it is accepted. */
export function passwordProblem(password: string, userInputs: readonly string[] = []): string | undefined {
  return assessPassword(password, userInputs)?.message;
}
