import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CALENDAR_2024_DATA, PILOT_ACADEMY_CODE, SPECIALTIES } from '@rattrapage/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database.ts';

/**
 * `session amend`, run as the exam office runs it (a process, embedded
 * PGlite in a folder of its own): a session still to come is amended at the
 * real clock; bad usage exits 2, a refusal exits 1 in French, nothing moves.
 */

const run = promisify(execFile);
const API_DIR = join(import.meta.dirname, '../..');
// A session in the future of any clock this test meets: 2024's calendar, eight years on.
const YEAR = 2032;
const shift = (text: string) => text.replace(/^2024-/, `${YEAR}-`);

let dataDir = '';

async function session(...args: string[]) {
  return run(process.execPath, ['src/session-command.ts', ...args], {
    cwd: API_DIR,
    env: { ...process.env, DATABASE_URL: '', RATTRAPAGE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (error: unknown) => {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    },
  );
}

/** The stored second-group instant and the amendments' audit entries (the command is not running). */
async function stored() {
  const handle = await createDatabase({ dataDir });
  try {
    const s = await handle.db
      .selectFrom('exam_sessions')
      .select('second_group_results_at')
      .where('year', '=', YEAR)
      .executeTakeFirstOrThrow();
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['actor_role', 'after'])
      .where('action', '=', 'SESSION_CALENDAR_AMENDED')
      .execute();
    return { secondGroup: s.second_group_results_at.toISOString(), audit };
  } finally {
    await handle.close();
  }
}

describe('session amend, from the command line', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rattrapage-amend-cli-'));
    const c = CALENDAR_2024_DATA;
    const definition = {
      calendar: {
        year: YEAR,
        batches: c.batches.map((b) => ({
          ...b,
          firstGroupResultsAt: shift(b.firstGroupResultsAt),
          choiceWindow: {
            opensAt: shift(b.choiceWindow.opensAt),
            closesAt: shift(b.choiceWindow.closesAt),
          },
        })),
        oralDays: c.oralDays.map((d) => ({ ...d, date: shift(d.date) })),
        secondGroupResultsAt: shift(c.secondGroupResultsAt),
      },
      specialties: SPECIALTIES.filter((s) =>
        c.batches.some((b) => b.specialtyCodes.includes(s.code)),
      ).map((s) => ({ code: s.code, name: s.name, pilotAcademy: PILOT_ACADEMY_CODE })),
    };
    const file = join(dataDir, 'session.json');
    await writeFile(file, JSON.stringify(definition));
    // The data folder's own files come next to the definition: PGlite accepts a non-empty folder.
    expect((await session('define', file)).code).toBe(0);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('moves the second-group results, in Paris time, and audits it as the command line’s', async () => {
    const r = await session(
      'amend',
      '--year',
      String(YEAR),
      '--what',
      'SECOND_GROUP_RESULTS',
      '--to',
      `${YEAR}-07-10T17:00`,
      '--reason',
      'Jury reporté.',
    );
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toBe(
      `Calendrier modifié (SECOND_GROUP_RESULTS) : ${YEAR}-07-10T16:30 → ${YEAR}-07-10T17:00 (heure de Paris). 0 candidat(s) prévenu(s).\n`,
    );
    const after = await stored();
    expect(after.secondGroup).toBe(`${YEAR}-07-10T15:00:00.000Z`);
    expect(after.audit).toHaveLength(1);
    expect(after.audit[0]).toMatchObject({
      actor_role: null,
      after: { by: 'cli', reason: 'Jury reporté.', value: `${YEAR}-07-10T17:00` },
    });
  });

  it.each<[string, string[], number, RegExp]>([
    [
      'without a reason',
      ['--what', 'SECOND_GROUP_RESULTS', '--to', `${YEAR}-07-10T18:00`],
      2,
      /^usage: session amend/,
    ],
    [
      'a window without its batch',
      ['--what', 'CHOICE_WINDOW_CLOSES', '--to', `${YEAR}-07-01T12:00`, '--reason', 'x'],
      2,
      /^usage: session amend/,
    ],
    [
      'a wall time Paris skips',
      ['--what', 'SECOND_GROUP_RESULTS', '--to', `${YEAR}-03-28T02:30`, '--reason', 'x'],
      2,
      /n’existe pas/,
    ],
    [
      'a blank reason',
      ['--what', 'SECOND_GROUP_RESULTS', '--to', `${YEAR}-07-10T18:00`, '--reason', ' '],
      1,
      /^Modification refusée, rien n’a été enregistré : Indiquez le motif/,
    ],
    [
      'an unknown batch',
      [
        '--what',
        'CHOICE_WINDOW_CLOSES',
        '--batch',
        'Z',
        '--to',
        `${YEAR}-07-01T12:00`,
        '--reason',
        'x',
      ],
      1,
      /lot de publication n’existe pas/,
    ],
  ])('refuses %s, and changes nothing', async (_label, args, code, message) => {
    const before = await stored();
    const r = await session('amend', '--year', String(YEAR), ...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat \S+:\d+/);
    expect(await stored()).toEqual(before);
  });

  it('refuses a year never defined', async () => {
    const unknown = await session(
      'amend',
      '--year',
      '2031',
      '--what',
      'SECOND_GROUP_RESULTS',
      '--to',
      '2031-07-10T17:00',
      '--reason',
      'x',
    );
    expect(unknown).toMatchObject({ code: 1, stderr: 'Aucune session d’examen 2031.\n' });
  });
});
