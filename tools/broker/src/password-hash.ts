import { createHash, randomBytes } from 'node:crypto';

const algorithms: Record<string, string> = {
  rabbit_password_hashing_sha256: 'sha256',
  rabbit_password_hashing_sha512: 'sha512',
  rabbit_password_hashing_md5: 'md5',
};

/**
 * Whether `password` is the one behind a RabbitMQ password hash: base64(salt ‖ H(salt ‖ password)), 4-byte salt.
 * The management API shows the hash; recomputing it here checks a secrets file against the broker without
 * logging in (service users have no management access). Unknown algorithms answer false (the password is reset).
 */
export function passwordMatches(password: string, passwordHash: string, hashingAlgorithm: string): boolean {
  const algorithm = algorithms[hashingAlgorithm];
  if (!algorithm || !passwordHash) return false;
  const decoded = Buffer.from(passwordHash, 'base64');
  const salt = decoded.subarray(0, 4);
  const expected = createHash(algorithm).update(Buffer.concat([salt, Buffer.from(password, 'utf8')])).digest();
  return decoded.length === 4 + expected.length && expected.equals(decoded.subarray(4));
}

/** A new password: 24 random bytes, URL-safe base64 (no character needs escaping in an amqp:// URL). */
export function newPassword(): string {
  return randomBytes(24).toString('base64url');
}
