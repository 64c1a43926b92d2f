import type { ImportPhase } from './run-import.ts';

const LABELS: Record<ImportPhase, string> = {
  checking: 'Vérification',
  reading: 'Lecture',
  passwords: 'Mots de passe',
  writing: 'Écriture',
  deliberating: 'Délibération',
};

/**
 * A progress bar on a terminal; on a pipe or a log file, a plain line per
 * phase step (at most one per 10 %), so logs stay readable.
 */
export function progressReporter(
  out: NodeJS.WriteStream,
): (phase: ImportPhase, done: number, total: number) => void {
  const lastDecile = new Map<ImportPhase, number>();
  return (phase, done, total) => {
    const ratio = total === 0 ? 1 : done / total;
    if (out.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      out.write(
        `\r${LABELS[phase].padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
      );
      if (done >= total) out.write('\n');
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (lastDecile.get(phase) === decile) return;
    lastDecile.set(phase, decile);
    out.write(`${LABELS[phase]} : ${done}/${total}\n`);
  };
}
