import type { CalendarData, ExamSessionCalendar, OralDayRule } from './exam-session-calendar.ts';
import { buildCalendar } from './exam-session-calendar.ts';

/**
 * The 2024 session of the specialties piloted by Reims, from the seed
 * document « Informations rattrapage BTS – Spécialités pilotées par
 * l’académie de Reims ». All wall times are Paris summer time (UTC+2).
 *
 * DEMO DATA: which specialties Reims pilots, and in which batch, is not in
 * the seed; MCO and NDRC (batch A) and SIO (batch B) are demo choices, as is
 * the table of oral days by académie.
 *
 * Data assumption (policy): the seed gives only the DAY of each first-group
 * publication (« Spécialités publiées le 28 juin 2024 »), not the hour. The
 * publication instant is taken to be the opening of that batch's choice
 * window (10:00 and 19:00): a choice window cannot open before the results
 * it depends on are out, and no later hour is implied by the seed.
 */

/**
 * Demo oral-day table. The seed says only that the orals take place on
 * 3 or 4 July 2024 « en fonction de l’académie d’origine du candidat et de
 * la spécialité ». A rule with an académie overrides the specialty's generic
 * rule.
 */
const ORAL_DAYS_2024: readonly OralDayRule[] = [
  // MCO (demo): 3 July, except Paris, Créteil and Versailles on 4 July.
  { specialtyCode: 'MCO', date: '2024-07-03' },
  { specialtyCode: 'MCO', originAcademyCode: '01', date: '2024-07-04' },
  { specialtyCode: 'MCO', originAcademyCode: '24', date: '2024-07-04' },
  { specialtyCode: 'MCO', originAcademyCode: '25', date: '2024-07-04' },
  // NDRC (demo): 3 July, except Aix-Marseille and Nice on 4 July.
  { specialtyCode: 'NDRC', date: '2024-07-03' },
  { specialtyCode: 'NDRC', originAcademyCode: '02', date: '2024-07-04' },
  { specialtyCode: 'NDRC', originAcademyCode: '23', date: '2024-07-04' },
  // SIO (demo): batch B closes on 2 July at 17:00, so all its orals are on 4 July.
  { specialtyCode: 'SIO', date: '2024-07-04' },
];

export const CALENDAR_2024_DATA: CalendarData = {
  year: 2024,
  batches: [
    {
      id: 'A',
      label: 'Lot A – spécialités publiées le 28 juin 2024 (démo : MCO, NDRC)',
      // Assumed hour: the window's opening (see above).
      firstGroupResultsAt: '2024-06-28T10:00',
      choiceWindow: { opensAt: '2024-06-28T10:00', closesAt: '2024-07-01T10:00' },
      specialtyCodes: ['MCO', 'NDRC'],
    },
    {
      id: 'B',
      label: 'Lot B – spécialités publiées le 1er juillet 2024 (démo : SIO)',
      // Assumed hour: the window's opening (see above).
      firstGroupResultsAt: '2024-07-01T19:00',
      choiceWindow: { opensAt: '2024-07-01T19:00', closesAt: '2024-07-02T17:00' },
      specialtyCodes: ['SIO'],
    },
  ],
  oralDays: ORAL_DAYS_2024,
  // « date prévisionnelle » in the seed: a forecast, kept as data so that it
  // can be moved without touching code.
  secondGroupResultsAt: '2024-07-10T16:30',
};

export const calendar2024: ExamSessionCalendar = buildCalendar(CALENDAR_2024_DATA);
