/**
 * What the run must undo however it ends (finished, failed, or interrupted
 * with Ctrl-C): child processes, bench databases, scratch folders. Undone
 * last-registered first.
 */
type Undo = () => Promise<void> | void;

const pending: { label: string; undo: Undo }[] = [];

/** Registers an undo step; the returned function runs it now (once) and forgets it. */
export function onCleanup(label: string, undo: Undo): () => Promise<void> {
  const entry = { label, undo };
  pending.push(entry);
  let done: Promise<void> | undefined;
  return () => {
    done ??= (async () => {
      const at = pending.indexOf(entry);
      if (at >= 0) pending.splice(at, 1);
      await undo();
    })();
    return done;
  };
}

/** Runs every pending undo step; one that fails is reported and the others still run. */
export async function cleanUpAll(): Promise<void> {
  while (pending.length > 0) {
    const entry = pending.pop();
    if (entry === undefined) break;
    try {
      await entry.undo();
    } catch (error) {
      console.error(`Cleanup of ${entry.label} failed:`, error);
    }
  }
}

/** On SIGINT or SIGTERM: undo everything, then leave with the signal's conventional code. */
export function cleanUpOnSignals(): void {
  let stopping = false;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal} : stopping, cleaning up…`);
      void cleanUpAll().finally(() => process.exit(code));
    });
  }
}
