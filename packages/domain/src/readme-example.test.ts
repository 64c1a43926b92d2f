// Keeps README.md honest. The code between the `example` markers below is the
// README's example, character for character; running this file runs it, and
// the tests check that the README still holds the same code and shows the
// same output. Edit the example here, then paste it into README.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// Hoisted above every import: captures what the example prints while the
// module is evaluated, and keeps it out of the test report.
const printed = vi.hoisted(() => {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  return lines;
});

// example:start
import {
  MCO_STRUCTURE,
  type MarkEntry,
  calendar2024,
  choiceWindow,
  controlOptions,
  firstGroupOutcome,
  formatHundredths,
  formatParisDateTime,
  viewAverage,
  windowState,
} from '@rattrapage/domain';

// Marks are integer hundredths of a point, keyed by test code, or by part
// code for a test with parts (MCO's E2 = E21 written + E22 oral).
const mark = (hundredths: number): MarkEntry => ({ status: 'MARK', hundredths });
const marks = new Map([
  ['E1', mark(650)],
  ['E21', mark(700)],
  ['E22', mark(950)],
  ['E3', mark(550)],
  ['E41', mark(1200)],
  ['E42', mark(1050)],
  ['E5', mark(1100)],
  ['E6', mark(1150)],
]);

const evaluation = firstGroupOutcome(MCO_STRUCTURE, marks);
if (evaluation.status !== 'DECIDED') throw new Error(`No outcome yet: ${evaluation.status}`);
console.log(`${evaluation.outcome} (${evaluation.reason})`);

const overall = viewAverage(evaluation.overallAverage);
console.log(`overall average: ${overall.display} (exactly ${overall.exact})`);
if (evaluation.professionalAverage !== null) {
  const professional = viewAverage(evaluation.professionalAverage);
  console.log(`professional average: ${professional.display} (exactly ${professional.exact})`);
}

// Decision support: the smallest mark which, obtained at both orals, brings
// the overall average to 10 (the better of the two marks counts per test).
for (const option of controlOptions(MCO_STRUCTURE, marks)) {
  const [a, b] = option.tests;
  const needed =
    option.minimumMarkInBoth === null
      ? 'out of reach'
      : `at least ${formatHundredths(option.minimumMarkInBoth)} at both orals`;
  console.log(`${a.code} + ${b.code}: ${needed}`);
}

// The clock is always passed in: here, a fixed instant (29 June 2024, 14:00 in Paris).
const at = new Date('2024-06-29T12:00:00Z');
const mcoWindow = choiceWindow(calendar2024, 'MCO');
console.log(
  `MCO choice window: ${windowState(mcoWindow, at)} until ${formatParisDateTime(mcoWindow.closesAt)}`,
);
// example:end

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const SELF = readFileSync(new URL(import.meta.url), 'utf8');

/** The text between two marker lines (exclusive), or null when a marker is missing. */
function between(text: string, start: string, end: string): string | null {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return null;
  return text.slice(from + start.length, to).trim();
}

/** The body of the single fenced code block in a README section. */
function fenced(section: string | null, language: string): string | null {
  if (section === null) return null;
  const match = new RegExp(`^\`\`\`${language}\\r?\\n([\\s\\S]*?)\\r?\\n\`\`\`$`).exec(section);
  return match?.[1] ?? null;
}

describe('README example', () => {
  it('is the code run by this file, verbatim', () => {
    const inReadme = fenced(
      between(README, '<!-- example:start -->', '<!-- example:end -->'),
      'ts',
    );
    const here = between(SELF, '// example:start', '// example:end');
    expect(here).not.toBeNull();
    expect(inReadme).toBe(here);
  });

  it('prints what the README says it prints', () => {
    const output = fenced(between(README, '<!-- output:start -->', '<!-- output:end -->'), 'text');
    expect(output).toBe(printed.join('\n'));
  });

  it('prints the expected results', () => {
    expect(printed).toEqual([
      'CONTROL_ALLOWED (CONTROL_THRESHOLDS_MET)',
      'overall average: 9,32 (exactly 261/28)',
      'professional average: 11,25 (exactly 45/4)',
      'E1 + E2: at least 9,75 at both orals',
      'E1 + E3: at least 8,38 at both orals',
      'E2 + E3: at least 9,25 at both orals',
      'MCO choice window: OPEN until lundi 1er juillet 2024 à 10 h 00',
    ]);
  });

  it('computes what the hand computation gives', () => {
    // 3×6,5 + 3×8,25 + 3×5,5 + 6×11,25 + 3×11 + 3×11,5 = 195,75 points over 21.
    expect(evaluation.overallAverage).toEqual({ num: 261n, den: 28n });
    expect(evaluation.professionalAverage).toEqual({ num: 45n, den: 4n });
    expect(evaluation.outcome).toBe('CONTROL_ALLOWED');
    expect(windowState(mcoWindow, new Date('2024-07-01T08:00:00Z'))).toBe('CLOSED');
  });
});
