// One entry point for the exam office: `pnpm rattrapage <command> …` from the
// repository root (or `node apps/api/src/cli.ts <command> …`). Each command is
// its own module, run in a child process with the remaining arguments.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { COMPILE_CACHE_DIR, enableApiCompileCache } from '../compile-cache.js';

// Each command's process reads the TypeScript it runs stripped and compiled
// from Node's compile cache, as the API does (start.js): about 20 MB less
// resident memory in an import of a whole session's marks.
const cache = enableApiCompileCache();

const COMMANDS: Readonly<Record<string, { readonly file: string; readonly what: string }>> = {
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

const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const [name, ...rest] = args;
const command = name === undefined ? undefined : COMMANDS[name];
if (command === undefined) {
  console.error('usage: rattrapage <commande> [arguments]\n');
  for (const [key, c] of Object.entries(COMMANDS)) console.error(`  ${key.padEnd(14)} ${c.what}`);
  process.exit(name === undefined || name === 'help' || name === '--help' ? 0 : 2);
}
const file = fileURLToPath(new URL(command.file, import.meta.url));
const result = spawnSync(process.execPath, [file, ...rest], {
  stdio: 'inherit',
  env:
    cache === undefined ? process.env : { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE_DIR },
});
process.exit(result.status ?? 1);
