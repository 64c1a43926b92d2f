import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../../src/import/import-kind.ts';
import type { ImportProblem } from '../../src/import/import-problem.ts';
import { type CsvLine, readCsv, streamCsv } from '../../src/import/read-csv.ts';

// The marks import reads its file as a stream (read-csv.ts streamCsv) so
// that memory does not grow with the file; every other kind reads it at
// once (readCsv). Both must see the same lines and the same problems.
const columns = IMPORT_KINDS.MARKS;

/** The text as the import's decoder hands it over: in chunks cut at `cuts`. */
function* cutAt(text: string, cuts: readonly number[]): Generator<string> {
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    yield text.slice(from, cut);
    from = Math.max(from, cut);
  }
  yield text.slice(from);
}

async function streamed(text: string, cuts?: readonly number[]) {
  const lines: CsvLine[] = [];
  const problems: ImportProblem[] = [];
  let batches = 0;
  for await (const batch of streamCsv(cuts === undefined ? text : cutAt(text, cuts), columns)) {
    const reads = [...batch];
    expect(reads.length).toBeGreaterThan(0);
    batches += 1;
    for (const read of reads)
      if ('line' in read) lines.push(read.line);
      else problems.push(read.problem);
  }
  return { lines, problems, batches };
}

function atOnce(text: string) {
  const reading = readCsv(text, columns);
  return reading.ok
    ? { lines: [...reading.lines], problems: [] }
    : { lines: null, problems: [...reading.problems] };
}

describe('streamCsv', () => {
  it.each([
    ['a wrong header', 'number;mark;code\nA1;12;E1\n'],
    ['an empty file', ''],
    ['a missing column', 'number;code;mark\nA1;E1;10\nA2;E1\n'],
    ['a line with one column too many', 'number;code;mark\nA1;E1;10;x\n'],
    ['a NUL character', 'number;code;mark\nA1;E1;1\u00000\n'],
    ['an unclosed quote', 'number;code;mark\nA1;E1;"10\n'],
    ['an unclosed quote after a final CR LF', 'number;code;mark\r\nA1;E1;10\r\nA2;E1;"1\r\n'],
  ])('reports %s as readCsv does', async (_label, text) => {
    const expected = atOnce(text);
    expect(expected.problems.length).toBeGreaterThan(0);
    expect((await streamed(text)).problems).toEqual(expected.problems);
    // Cut between every two characters, a CR LF included.
    const everywhere = Array.from({ length: text.length }, (_, i) => i);
    expect((await streamed(text, everywhere)).problems).toEqual(expected.problems);
  });

  it('reads a long file across its feeding chunks exactly as readCsv reads it', async () => {
    // Quoted cells with line breaks, semicolons and multi-byte characters,
    // enough of them to cross many 64 KiB feeding chunks anywhere.
    const body = Array.from({ length: 20_000 }, (_, i) =>
      i % 7 === 0
        ? `"C${i};é\n${'ü'.repeat(i % 13)}";E${i % 6};"${i % 21},5"`
        : `C${i};E${i % 6};${i % 21}`,
    );
    const text = `\uFEFFnumber;code;mark\r\n${body.join('\r\n')}\r\n`;
    expect(text.length).toBeGreaterThan(4 * 65_536);
    const expected = atOnce(text);
    const got = await streamed(text);
    expect(got.problems).toEqual([]);
    expect(got.lines).toEqual(expected.lines);
    expect(got.lines).toHaveLength(20_000);
    // A batch for each feed the parser is given, not one a line: each stage
    // after it awaits once a batch.
    expect(got.batches).toBeLessThanOrEqual(Math.ceil(text.length / 65_536) + 1);
  });

  it('leaves no listener on its parser from one wait to the next', async () => {
    // A source slower than the parser: the reading waits for records after
    // every chunk. Listeners left behind by each wait pile up on the parser
    // (and each record wakes them all), which Node warns of past ten.
    async function* slowly(): AsyncGenerator<string> {
      yield 'number;code;mark\n';
      for (let chunk = 0; chunk < 40; chunk++) {
        await new Promise((resolve) => setImmediate(resolve));
        yield Array.from({ length: 50 }, (_, i) => `C${chunk}-${i};E1;10\n`).join('');
      }
    }
    const warnings: string[] = [];
    const warned = (warning: Error) => warnings.push(warning.name);
    process.on('warning', warned);
    try {
      let lines = 0;
      for await (const reads of streamCsv(slowly(), columns)) lines += [...reads].length;
      expect(lines).toBe(40 * 50);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', warned);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('fails when its source fails, rather than reading the file as ended', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'number;code;mark\nA1;E1;10\n';
      await Promise.resolve();
      throw new Error('disk read failed');
    }
    const lines = streamCsv(failing(), columns);
    const drain = async () => {
      // Every line, until the file ends or its source fails.
      while (!(await lines.next()).done);
    };
    await expect(drain()).rejects.toThrow('disk read failed');
  });

  it('agrees with readCsv on any file of cells, quotes and line breaks, in any chunks', async () => {
    const cellText = fc.stringMatching(/^[A-Za-z0-9 ,;"\r\n\u00e9]{0,6}$/);
    const quote = (cell: string) =>
      /[;"\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.array(cellText, { minLength: 1, maxLength: 4 }),
            // Each record ends its own way: files that mix line breaks exist.
            fc.constantFrom('\n', '\r\n', '\r'),
          ),
          { maxLength: 30 },
        ),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (records, cutDraws) => {
          const body = records.map(([r, end]) => `${r.map(quote).join(';')}${end}`).join('');
          const text = `number;code;mark\n${body}`;
          const expected = atOnce(text);
          const got = await streamed(
            text,
            cutDraws.map((d) => d % (text.length + 1)),
          );
          if (expected.lines === null) expect(got.problems).toEqual(expected.problems);
          else {
            expect(got.problems).toEqual([]);
            expect(got.lines).toEqual(expected.lines);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
