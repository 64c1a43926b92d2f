import {
  type ExamCentre,
  PILOT_ACADEMY_CODE,
  SPECIALTIES,
  calendar2024,
  examinerTimeOn,
  oralDayFor,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  replaceExamCentres,
  replaceExaminers,
  replaceRooms,
} from '../repositories/planning.repository.ts';
import { DEMO_PARTNER_ACADEMY_CODE } from './demo-accounts.ts';

const EXAMINERS_PER_TEST = 2;
const ROOMS = 8;
const ACCESSIBLE_ROOMS = 2;

/**
 * Demo: fictitious exam centres (the names are invented; the streets and
 * postcodes are plausible ones of each city). Specialties alternate between
 * an académie's two centres, so that the demo shows that the place depends
 * on the specialty.
 */
const DEMO_CENTRES: Readonly<Record<string, readonly [ExamCentre, ExamCentre]>> = {
  [PILOT_ACADEMY_CODE]: [
    {
      name: 'Lycée des Coteaux (démo)',
      street: '17 rue des Capucins',
      postcode: '51100',
      city: 'Reims',
    },
    {
      name: 'Lycée Clairmarais (démo)',
      street: '4 boulevard Paul-Doumer',
      postcode: '51100',
      city: 'Reims',
    },
  ],
  [DEMO_PARTNER_ACADEMY_CODE]: [
    {
      name: 'Lycée de la Pépinière (démo)',
      street: '8 rue Sainte-Catherine',
      postcode: '54000',
      city: 'Nancy',
    },
    {
      name: 'Lycée du Saulcy (démo)',
      street: '3 rue du Pont-des-Morts',
      postcode: '57000',
      city: 'Metz',
    },
  ],
};

/**
 * Demo: fictitious examiners (two per control test and oral day, 8:00 to
 * 18:00), rooms (the first two accessible) and exam centres for Reims and
 * Nancy-Metz, so
 * that scheduling the demo's convocations uses the real planner. The other
 * académies keep the planner's fallback (one virtual examiner per test).
 */
export async function seedDemoPlanning(db: Kysely<Database>): Promise<void> {
  const year = calendar2024.year;
  const specialties = SPECIALTIES.filter((s) =>
    calendar2024.batches.some((b) => b.specialtyCodes.includes(s.code)),
  );
  for (const academyCode of [PILOT_ACADEMY_CODE, DEMO_PARTNER_ACADEMY_CODE]) {
    // day → test code → the specialties whose candidates take it that day
    const byDay = new Map<string, Map<string, string[]>>();
    for (const s of specialties) {
      const day = oralDayFor(calendar2024, s.code, academyCode);
      const tests = byDay.get(day) ?? new Map<string, string[]>();
      for (const t of s.structure.tests.filter((x) => x.controlEligible))
        tests.set(t.code, [...(tests.get(t.code) ?? []), s.code]);
      byDay.set(day, tests);
    }
    const examiners = [...byDay].flatMap(([day, tests]) =>
      [...tests].flatMap(([testCode, specialtyCodes]) =>
        Array.from({ length: EXAMINERS_PER_TEST }, (_, i) => ({
          name: `Examinateur ${testCode}-${String.fromCharCode(65 + i)} (démo)`,
          day,
          availableFrom: examinerTimeOn(day, '08:00'),
          availableUntil: examinerTimeOn(day, '18:00'),
          tests: specialtyCodes.map((specialtyCode) => ({ specialtyCode, testCode })),
        })),
      ),
    );
    await replaceExaminers(db, year, academyCode, examiners);
    await replaceRooms(
      db,
      year,
      academyCode,
      Array.from({ length: ROOMS }, (_, i) => ({
        name: `Salle ${101 + i}`,
        accessible: i < ACCESSIBLE_ROOMS,
      })),
    );
    const centres = DEMO_CENTRES[academyCode];
    if (centres === undefined) continue;
    await replaceExamCentres(
      db,
      year,
      academyCode,
      centres
        .flatMap((centre, parity) =>
          [...new Set(specialties.map((s) => oralDayFor(calendar2024, s.code, academyCode)))].map(
            (day) => ({
              day,
              specialtyCodes: specialties
                .filter(
                  (s, i) =>
                    i % 2 === parity && oralDayFor(calendar2024, s.code, academyCode) === day,
                )
                .map((s) => s.code),
              centre,
            }),
          ),
        )
        .filter((d) => d.specialtyCodes.length > 0),
    );
  }
}
