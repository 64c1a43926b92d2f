// One entry point for the exam office: `pnpm rattrapage <command> …` from the
// repository root (or `node apps/api/src/cli.ts <command> …`). Each command is
// its own module, run in a child process with the remaining arguments.
import { spawnSync } from 'node:child_process';
import { enableApiCompileCache } from '../compile-cache.js';
import { COMMANDS, commandProcess } from './cli-commands.ts';

// Each command's process reads the TypeScript it runs stripped and compiled
// from Node's compile cache, as the API does (start.js): about 20 MB less
// resident memory in an import of a whole session's marks.
const cache = enableApiCompileCache();

const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const [name, ...rest] = args;
const command = name === undefined ? undefined : COMMANDS[name];
if (command === undefined) {
  console.error('usage: rattrapage <commande> [arguments]\n');
  for (const [key, c] of Object.entries(COMMANDS)) console.error(`  ${key.padEnd(14)} ${c.what}`);
  process.exit(name === undefined || name === 'help' || name === '--help' ? 0 : 2);
}
const child = commandProcess(command, rest, cache === undefined ? {} : { compileCache: cache });
const result = spawnSync(process.execPath, [...child.nodeOptions, child.file, ...child.args], {
  stdio: 'inherit',
  env: { ...process.env, ...child.env },
});
process.exit(result.status ?? 1);
