import { fileURLToPath } from 'node:url';

/** The exam office's commands (`pnpm rattrapage <command>`), each its own module run in a process of its own. */
export interface CliCommand {
  /** The module, from this folder. */
  readonly file: string;
  /** What it does, in French, for `rattrapage help`. */
  readonly what: string;
  /** Node's options for the command's process. */
  readonly nodeOptions?: readonly string[];
}

export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  session: {
    file: 'session-command.ts',
    what: 'ouvrir une session (define <fichier.json> | define --builtin 2024) ou en modifier le calendrier (amend)',
  },
  account: {
    file: 'account-command.ts',
    what: 'créer un compte académie (create --identifier … --role … --academy …)',
  },
  import: {
    file: 'import/import-command.ts',
    what: 'importer un fichier CSV (<type> <fichier.csv> --year …)',
    // A file streams through in chunks, each soon garbage: a young
    // generation of 2 MB a half (16 by default) keeps the import's resident
    // memory from growing with the file, for up to 15 % of the marks
    // import's time (docs/performance.md, row 5); the API itself keeps the
    // default, which its reads need.
    nodeOptions: ['--max-semi-space-size=2'],
  },
  documents: {
    file: 'documents/documents-command.ts',
    what: 'produire un document (procès-verbal, émargement, bordereaux, convocations…) pour un compte d’académie',
  },
  'issue-token': {
    file: 'auth/issue-token-command.ts',
    what: 'délivrer un jeton d’API à une académie',
  },
  migrate: { file: 'db/migrate-command.ts', what: 'appliquer les migrations' },
  seed: { file: 'demo/seed-command.ts', what: 'charger les données de démonstration' },
  'notify-worker': {
    file: 'notifications/worker-command.ts',
    what: 'envoyer les notifications en attente',
  },
  serve: { file: 'main.ts', what: 'démarrer l’API' },
  demo: {
    file: 'domain-demo-command.ts',
    what: 'montrer les règles sur le calendrier 2024 et un candidat d’exemple (--at <instant>)',
  },
};

/**
 * How a command's process is started: Node's arguments (its options, the
 * module, the command's own arguments) and what its environment adds. The
 * CLI starts commands this way; the bench too, to measure what the
 * operator runs.
 */
export function commandProcess(
  command: CliCommand,
  args: readonly string[],
  options: { readonly compileCache?: string } = {},
): {
  readonly nodeOptions: readonly string[];
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
} {
  return {
    nodeOptions: command.nodeOptions ?? [],
    file: fileURLToPath(new URL(command.file, import.meta.url)),
    args,
    // The command's process reads the compiled TypeScript from the same cache.
    env: options.compileCache === undefined ? {} : { NODE_COMPILE_CACHE: options.compileCache },
  };
}
