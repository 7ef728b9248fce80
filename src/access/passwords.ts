/**
 * @module access/passwords
 * Password hashing with argon2id (`@node-rs/argon2`: a prebuilt native binding, no compiler).
 * Only the PHC string (`$argon2id$v=19$m=…$salt$hash`) is stored; it carries its own salt and
 * cost, so stronger settings later still verify the hashes made today.
 */
import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): some tens of milliseconds on one core.
 * argon2id is the library's default algorithm (its `Algorithm` is a const enum, which isolated
 * modules cannot import).
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash verifies nothing.
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash, so a login with an unknown user name takes as long as one
 * with a wrong password and the timing does not tell which user names exist.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password, never used');
  await verifyPassword(await decoy, password);
  return false;
}
