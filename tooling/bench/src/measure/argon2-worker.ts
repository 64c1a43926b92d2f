// The raw password-verification rate: node argon2-worker.ts <seconds> <in flight>.
// The API's own verifyPassword (argon2id, ARGON2_PARAMETERS) on the API's
// own thread pool size (UV_THREADPOOL_SIZE, given by log-in.ts as the API sizes it), with
// no HTTP and no database: the ceiling a log-in storm can reach. Prints one
// line of JSON: { verifications, seconds, perSecond, cpuMsPerVerification }.
import { hashPassword, verifyPassword } from '@rattrapage/api/accounts';

const seconds = Number(process.argv[2] ?? '10');
const inFlight = Number(process.argv[3] ?? '16');
const password = 'mot de passe du banc d’essai';
const hash = await hashPassword(password);

async function verifyUntil(deadline: number): Promise<number> {
  let done = 0;
  while (performance.now() < deadline) {
    if (!(await verifyPassword(password, hash))) throw new Error('verification failed');
    done++;
  }
  return done;
}

// Warm-up: the threadpool's threads start and their memory is mapped.
await Promise.all(Array.from({ length: inFlight }, () => verifyUntil(performance.now() + 1000)));
const cpuBefore = process.cpuUsage();
const startedAt = performance.now();
const deadline = startedAt + seconds * 1000;
const counts = await Promise.all(Array.from({ length: inFlight }, () => verifyUntil(deadline)));
const elapsed = (performance.now() - startedAt) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const verifications = counts.reduce((a, b) => a + b, 0);
process.stdout.write(
  `${JSON.stringify({
    verifications,
    seconds: elapsed,
    perSecond: verifications / elapsed,
    // threadpool work included: cpuUsage counts every thread of the process.
    cpuMsPerVerification: (cpu.user + cpu.system) / 1000 / verifications,
  })}\n`,
);
