/**
 * RAM console passwords: the account's password policy (defaults as Alibaba Cloud documents them)
 * and scrypt hashes. A password is never stored, logged or returned; only its hash is kept.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireLowercaseCharacters: boolean;
  RequireUppercaseCharacters: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  HardExpiry: boolean;
  MaxPasswordAge: number;
  PasswordReusePrevention: number;
  MaxLoginAttemps: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumPasswordLength: 8,
  RequireLowercaseCharacters: false,
  RequireUppercaseCharacters: false,
  RequireNumbers: false,
  RequireSymbols: false,
  HardExpiry: false,
  MaxPasswordAge: 0,
  PasswordReusePrevention: 0,
  MaxLoginAttemps: 5,
};

/** The inclusive range of each numeric setting. */
export const POLICY_RANGES = {
  MinimumPasswordLength: [8, 32],
  MaxPasswordAge: [0, 1095],
  PasswordReusePrevention: [0, 24],
  MaxLoginAttemps: [0, 32],
} as const;

/** The stored policy (JSON written by resdir) over the defaults. */
export function policyFrom(json: string | null): PasswordPolicy {
  if (json === null) return DEFAULT_PASSWORD_POLICY;
  return { ...DEFAULT_PASSWORD_POLICY, ...(JSON.parse(json) as Partial<PasswordPolicy>) };
}

/** What a password lacks under the policy, as a sentence; undefined when it complies. */
export function policyViolation(password: string, p: PasswordPolicy): string | undefined {
  const missing: string[] = [];
  if ([...password].length < p.MinimumPasswordLength) missing.push(`at least ${p.MinimumPasswordLength} characters`);
  if (p.RequireLowercaseCharacters && !/[a-z]/.test(password)) missing.push('a lowercase letter');
  if (p.RequireUppercaseCharacters && !/[A-Z]/.test(password)) missing.push('an uppercase letter');
  if (p.RequireNumbers && !/[0-9]/.test(password)) missing.push('a digit');
  if (p.RequireSymbols && !/[^A-Za-z0-9]/.test(password)) missing.push('a symbol');
  return missing.length ? `The password must have ${missing.join(', ')}.` : undefined;
}

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

/** `scrypt$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Constant-time check of a password against a stored hash. */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
