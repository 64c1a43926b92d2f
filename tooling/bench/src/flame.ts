// pnpm --filter @rattrapage/bench flame <file.cpuprofile> --out=<file.svg> [--title=…] [--min-width=0.001] [--from=s] [--to=s]
// A flame graph of one process's CPU profile (docs/performance.md, « Flame
// graphs »), and a summary of where its busy samples went, on stdout.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NotACpuProfile, callTree, profileWindow, readCpuProfile } from './profile/cpu-profile.ts';
import { flameGraphSvg, subtitleOf } from './profile/flame-graph.ts';
import { summaryMarkdown } from './profile/profile-summary.ts';

const USAGE =
  'usage: flame <file.cpuprofile> --out=<file.svg> [--title=<text>] [--min-width=<fraction, 0.001>] [--from=<s>] [--to=<s>]';

function argumentsOf(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      title: { type: 'string' },
      'min-width': { type: 'string', default: '0.001' },
      from: { type: 'string', default: '0' },
      to: { type: 'string' },
    },
  });
}

/** What the command says of a file it cannot read, without a stack trace. */
function fileError(error: unknown): string | null {
  if (error instanceof NotACpuProfile || error instanceof SyntaxError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? String(error) : null;
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof argumentsOf>;
  try {
    parsed = argumentsOf(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [input] = positionals;
  const minWidth = Number(values['min-width']);
  const from = Number(values.from);
  const to = values.to === undefined ? Infinity : Number(values.to);
  if (
    input === undefined ||
    values.out === undefined ||
    !(minWidth >= 0 && minWidth < 1) ||
    !(from >= 0 && to > from)
  ) {
    console.error(USAGE);
    return 2;
  }
  // `pnpm --filter … flame` runs in the package's folder: paths are the caller's, where pnpm was run.
  const here = process.env['INIT_CWD'] ?? process.cwd();
  const whole = readCpuProfile(JSON.parse(await readFile(resolve(here, input), 'utf8')) as unknown);
  const windowed = from > 0 || to < Infinity;
  const profile = windowed ? profileWindow(whole, from, to) : whole;
  const tree = callTree(profile);
  const svg = flameGraphSvg(tree, {
    title: values.title ?? input.split('/').at(-1) ?? input,
    subtitle:
      subtitleOf(profile, tree.total, minWidth) +
      (windowed ? `; seconds ${from} to ${to === Infinity ? 'the end' : to} of the run` : ''),
    minWidth,
  });
  await writeFile(resolve(here, values.out), svg);
  console.log(summaryMarkdown(tree));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const said = fileError(error);
  if (said === null) throw error;
  console.error(said);
  process.exitCode = 1;
}
