import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SessionDefinition, defineSession } from '../../src/services/define-session.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';
import { readExample } from './walkthrough-api.ts';

const AT = new Date('2024-05-15T08:00:00.000Z');
const actor = { at: AT, who: 'cli' };

async function example(): Promise<SessionDefinition> {
  return JSON.parse((await readExample('session-2024.json')).toString('utf8')) as SessionDefinition;
}

describe.each(backendsUnderTest())('defineSession on %s', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabaseFor(backend);
  });
  afterEach(async () => {
    await database.close();
  });

  const written = async () => ({
    sessions: await database.db.selectFrom('exam_sessions').select('year').execute(),
    specialties: await database.db.selectFrom('specialties').selectAll().execute(),
    batches: await database.db.selectFrom('publication_batches').selectAll().execute(),
    oralDays: await database.db.selectFrom('oral_days').selectAll().execute(),
    audit: await database.db
      .selectFrom('audit_log')
      .select(['action', 'after', 'at'])
      .where('action', '=', 'SESSION_DEFINED')
      .execute(),
  });

  it('refuses an invalid calendar, listing every problem, and writes nothing', async () => {
    const definition = await example();
    const [a, b] = definition.calendar.batches;
    if (a === undefined || b === undefined) throw new Error('two batches expected');
    const outcome = await defineSession(
      database.db,
      {
        ...definition,
        calendar: {
          ...definition.calendar,
          batches: [
            // The window closes before it opens…
            {
              ...a,
              choiceWindow: { opensAt: a.choiceWindow.opensAt, closesAt: '2024-06-27T10:00' },
            },
            // …and this one opens before its results are published.
            { ...b, choiceWindow: { ...b.choiceWindow, opensAt: '2024-07-01T18:00' } },
          ],
        },
      },
      actor,
    );
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind !== 'invalid') return;
    const all = outcome.problems.join('\n');
    expect(all).toContain('Lot A : la saisie des choix ferme');
    expect(all).toContain('Lot B : la saisie des choix ouvre');
    expect(await written()).toEqual({
      sessions: [],
      specialties: [],
      batches: [],
      oralDays: [],
      audit: [],
    });
  });

  it.each([
    [
      'a specialty of a batch left unnamed',
      (d: SessionDefinition) => ({
        ...d,
        specialties: d.specialties.filter((s) => s.code !== 'SIO'),
      }),
      'La spécialité SIO figure au calendrier sans nom ni académie pilote.',
    ],
    [
      'a specialty in no batch',
      (d: SessionDefinition) => ({
        ...d,
        specialties: [
          ...d.specialties,
          { code: 'GPME', name: 'Gestion de la PME', pilotAcademy: '19' },
        ],
      }),
      'La spécialité GPME n’appartient à aucun lot de publication.',
    ],
    [
      'an unknown pilot académie',
      (d: SessionDefinition) => ({
        ...d,
        specialties: d.specialties.map((s) =>
          s.code === 'MCO' ? { ...s, pilotAcademy: '99' } : s,
        ),
      }),
      'Académie pilote inconnue pour MCO : 99.',
    ],
  ])('refuses %s and writes nothing', async (_what, change, problem) => {
    const outcome = await defineSession(database.db, change(await example()), actor);
    expect(outcome).toEqual({ kind: 'invalid', problems: [problem] });
    expect((await written()).sessions).toEqual([]);
  });

  it('writes the session, its batches, specialties and oral days with its audit entry, once', async () => {
    const definition = await example();
    expect(await defineSession(database.db, definition, actor)).toEqual({
      kind: 'defined',
      year: 2024,
      specialties: 3,
    });
    const first = await written();
    expect(first.sessions).toEqual([{ year: 2024 }]);
    expect(first.specialties.map((s) => s.code).sort()).toEqual(['MCO', 'NDRC', 'SIO']);
    expect(first.batches).toHaveLength(2);
    expect(first.oralDays).toHaveLength(definition.calendar.oralDays.length);
    expect(first.audit).toHaveLength(1);
    expect(first.audit[0]?.at).toEqual(AT);

    // A second definition of the same year is refused and changes nothing.
    const again = await defineSession(
      database.db,
      { ...definition, specialties: definition.specialties.map((s) => ({ ...s, name: 'Autre' })) },
      actor,
    );
    expect(again).toEqual({ kind: 'exists', year: 2024 });
    expect(await written()).toEqual(first);
  });
});
