import { academyOfName, formatParisDateTime } from '@rattrapage/domain';
import { type IcsEvent, icsUid } from '#lib/ics.ts';

/** The public calendar of a session, as the API gives it (PublicSessionQuery). */
export interface PublicSession {
  readonly year: number;
  readonly secondGroupResultsAt: string;
  readonly specialties: readonly {
    readonly code: string;
    readonly name: string;
    readonly firstGroupResultsAt: string;
    readonly choiceWindow: { readonly opensAt: string; readonly closesAt: string };
    /** A null académie: the day for every académie not listed. */
    readonly oralDays: readonly {
      readonly academy: { readonly code: string; readonly name: string } | null;
      readonly date: string;
    }[];
  }[];
}

/**
 * Stable across downloads and amendments: named after what the event is
 * (the session, the kind, the specialties), never after its instant, so a
 * moved window replaces its event in a subscribed calendar.
 */
export function sessionEventUid(year: number, kind: string, key: string): string {
  return icsUid('session', String(year), kind, key);
}

/** One event per oral-day rule (an académie's own, or the specialty's for all others): what an amendment moves. */
function oralDayEvent(
  year: number,
  specialty: PublicSession['specialties'][number],
  rule: PublicSession['specialties'][number]['oralDays'][number],
  stamp: Date,
): IcsEvent {
  const others = specialty.oralDays.some((d) => d.academy !== null);
  const who =
    rule.academy === null
      ? others
        ? 'autres académies'
        : 'toutes les académies'
      : academyOfName(rule.academy.name);
  const whose =
    rule.academy === null
      ? others
        ? 'Candidats des académies sans jour propre'
        : 'Candidats de toutes les académies'
      : `Candidats de l’${academyOfName(rule.academy.name)}`;
  return {
    uid: sessionEventUid(year, 'oraux', `${specialty.code}-${rule.academy?.code ?? 'autres'}`),
    stamp,
    day: rule.date,
    summary: `Oraux de contrôle — BTS ${specialty.code}, ${who}`,
    description: `${specialty.name}. ${whose}. L’heure et le lieu de chaque oral figurent sur la convocation du candidat.`,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * The session's public instants as calendar events: per batch of
 * specialties published together, the first-group results and the choice
 * window; per specialty, each oral-day rule (a whole day: the hour is the
 * candidate's own, on their convocation), so that moving one académie's
 * day moves one event; and the second-group results.
 */
export function sessionFeedEvents(session: PublicSession, stamp: Date): IcsEvent[] {
  const events: IcsEvent[] = [];
  const batches = groupBy(
    session.specialties,
    (s) => `${s.firstGroupResultsAt}|${s.choiceWindow.opensAt}|${s.choiceWindow.closesAt}`,
  );
  for (const specialties of batches.values()) {
    const [first] = specialties;
    if (first === undefined) continue;
    const codes = specialties.map((s) => s.code).sort();
    const bts = `BTS ${codes.join(', ')}`;
    const names = specialties.map((s) => `${s.name} (${s.code})`).join(' ; ');
    events.push({
      uid: sessionEventUid(session.year, 'resultats-premier-groupe', codes.join('-')),
      stamp,
      at: new Date(first.firstGroupResultsAt),
      summary: `Résultats du premier groupe — ${bts}`,
      description: `Publication des résultats du premier groupe : ${names}.`,
    });
    events.push({
      uid: sessionEventUid(session.year, 'choix', codes.join('-')),
      stamp,
      start: new Date(first.choiceWindow.opensAt),
      end: new Date(first.choiceWindow.closesAt),
      summary: `Choix des épreuves de contrôle — ${bts}`,
      description:
        `Saisie du choix des deux épreuves de contrôle, jusqu’au ${formatParisDateTime(new Date(first.choiceWindow.closesAt))} (heure de Paris) : ${names}. ` +
        'Les candidats individuels choisissent dans leur espace candidat ; les autres, dans leur espace ou par leur établissement.',
    });
  }
  for (const specialty of session.specialties)
    for (const rule of specialty.oralDays)
      events.push(oralDayEvent(session.year, specialty, rule, stamp));
  events.push({
    uid: sessionEventUid(session.year, 'resultats-second-groupe', 'tous'),
    stamp,
    at: new Date(session.secondGroupResultsAt),
    summary: 'Résultats des épreuves de contrôle (second groupe)',
    description: `Publication des résultats du second groupe, session ${session.year}.`,
  });
  return events;
}

/** One candidate's calendar, as their secret link opens it (CandidateCalendarQuery). */
export interface CandidateCalendar {
  readonly year: number;
  readonly specialtyCode: string;
  readonly specialtyName: string;
  readonly firstGroupResultsAt: string;
  readonly choiceWindow: { readonly opensAt: string; readonly closesAt: string };
  readonly oralDay: string | null;
  readonly secondGroupResultsAt: string;
}

/**
 * A candidate's own calendar: their specialty's results, window and oral
 * day, and the second-group results. Nothing in it says whether they are
 * admitted, allowed to the control or failed: a link may be shared with a
 * family calendar, and results are read only after logging in. UIDs name
 * what each event is, in a namespace of their own, so an amendment
 * replaces the event and the public feed's events are not mistaken for them.
 */
export function candidateFeedEvents(calendar: CandidateCalendar, stamp: Date): IcsEvent[] {
  const uid = (kind: string) =>
    icsUid('candidat', String(calendar.year), kind, calendar.specialtyCode);
  const bts = `BTS ${calendar.specialtyCode}`;
  const closes = formatParisDateTime(new Date(calendar.choiceWindow.closesAt));
  const events: IcsEvent[] = [
    {
      uid: uid('resultats-premier-groupe'),
      stamp,
      at: new Date(calendar.firstGroupResultsAt),
      summary: `Résultats du premier groupe — ${bts}`,
      description: `${calendar.specialtyName} : vos résultats sont consultables dans votre espace candidat, après connexion.`,
    },
    {
      uid: uid('choix'),
      stamp,
      start: new Date(calendar.choiceWindow.opensAt),
      end: new Date(calendar.choiceWindow.closesAt),
      summary: `Choix des épreuves de contrôle — ${bts}`,
      description: `Si vous êtes admis(e) à vous présenter aux épreuves de contrôle : choisissez vos deux épreuves avant le ${closes} (heure de Paris).`,
    },
  ];
  if (calendar.oralDay !== null)
    events.push({
      uid: uid('oraux'),
      stamp,
      day: calendar.oralDay,
      summary: `Oraux de contrôle — ${bts}`,
      description:
        'Si vous êtes admis(e) à vous présenter aux épreuves de contrôle : l’heure et le lieu de vos oraux figurent sur votre convocation, dans votre espace candidat.',
    });
  events.push({
    uid: uid('resultats-second-groupe'),
    stamp,
    at: new Date(calendar.secondGroupResultsAt),
    summary: `Résultats des épreuves de contrôle — ${bts}`,
    description: 'Vos résultats sont consultables dans votre espace candidat, après connexion.',
  });
  return events;
}
