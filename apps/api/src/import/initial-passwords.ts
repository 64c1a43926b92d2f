import { randomInt } from 'node:crypto';

// No 0/O, 1/l/I: the password is read off a sheet and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 14;

/** A random initial password (about 80 bits), to be changed at first log-in. */
export function initialPassword(): string {
  let out = '';
  for (let i = 0; i < LENGTH; i += 1) out += ALPHABET.charAt(randomInt(ALPHABET.length));
  return out;
}

/**
 * Hashes many passwords with bounded concurrency: argon2id runs on libuv's
 * thread pool, so a few at a time keep every thread busy without queueing
 * 180 000 jobs at once.
 */
export async function hashAll(
  passwords: readonly string[],
  hash: (password: string) => Promise<string>,
  onProgress?: (done: number) => void,
  concurrency = 8,
): Promise<string[]> {
  const out: string[] = new Array<string>(passwords.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < passwords.length) {
      const i = next;
      next += 1;
      out[i] = await hash(passwords[i] ?? '');
      done += 1;
      if (done % 500 === 0 || done === passwords.length) onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, passwords.length) }, worker));
  return out;
}
