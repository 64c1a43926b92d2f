import { describe, expect, it } from 'vitest';
import { buildIcsCalendar } from './ics.ts';
import {
  type PublicSession,
  candidateFeedEvents,
  sessionEventUid,
  sessionFeedEvents,
} from './session-feed.ts';

const window = { opensAt: '2024-06-28T08:00:00.000Z', closesAt: '2024-07-01T08:00:00.000Z' };
const session: PublicSession = {
  year: 2024,
  secondGroupResultsAt: '2024-07-10T14:30:00.000Z',
  specialties: [
    {
      code: 'NDRC',
      name: 'Négociation et digitalisation de la relation client',
      firstGroupResultsAt: '2024-06-28T08:00:00.000Z',
      choiceWindow: window,
      oralDays: [{ academy: null, date: '2024-07-04' }],
    },
    {
      code: 'MCO',
      name: 'Management commercial opérationnel',
      firstGroupResultsAt: '2024-06-28T08:00:00.000Z',
      choiceWindow: window,
      oralDays: [
        { academy: { code: '19', name: 'Reims' }, date: '2024-07-03' },
        { academy: { code: '20', name: 'Amiens' }, date: '2024-07-03' },
        { academy: { code: '09', name: 'Lille' }, date: '2024-07-05' },
        { academy: null, date: '2024-07-05' },
      ],
    },
    {
      code: 'GPME',
      name: 'Gestion de la PME',
      firstGroupResultsAt: '2024-07-01T17:00:00.000Z',
      choiceWindow: { opensAt: '2024-07-01T17:00:00.000Z', closesAt: '2024-07-03T08:00:00.000Z' },
      oralDays: [],
    },
  ],
};
const stamp = new Date('2024-06-01T00:00:00.000Z');

describe('sessionFeedEvents', () => {
  const events = sessionFeedEvents(session, stamp);
  const byUid = new Map(events.map((e) => [e.uid, e]));

  it('groups the specialties published together: one publication and one window per batch', () => {
    const window = byUid.get(sessionEventUid(2024, 'choix', 'MCO-NDRC'));
    expect(window).toMatchObject({
      start: new Date(session.specialties[0]?.choiceWindow.opensAt ?? ''),
      end: new Date(session.specialties[0]?.choiceWindow.closesAt ?? ''),
      summary: 'Choix des épreuves de contrôle — BTS MCO, NDRC',
    });
    expect(window?.description).toContain('lundi 1er juillet 2024 à 10 h 00 (heure de Paris)');
    expect(byUid.get(sessionEventUid(2024, 'resultats-premier-groupe', 'GPME'))).toMatchObject({
      at: new Date('2024-07-01T17:00:00.000Z'),
    });
  });

  it('gives each oral-day rule one whole-day event naming whose day it is', () => {
    expect(byUid.get(sessionEventUid(2024, 'oraux', 'MCO-20'))).toMatchObject({
      day: '2024-07-03',
      summary: 'Oraux de contrôle — BTS MCO, académie d’Amiens',
    });
    expect(byUid.get(sessionEventUid(2024, 'oraux', 'MCO-20'))?.description).toBe(
      'Management commercial opérationnel. Candidats de l’académie d’Amiens. L’heure et le lieu de chaque oral figurent sur la convocation du candidat.',
    );
    expect(byUid.get(sessionEventUid(2024, 'oraux', 'MCO-autres'))).toMatchObject({
      day: '2024-07-05',
      summary: 'Oraux de contrôle — BTS MCO, autres académies',
    });
    expect(byUid.get(sessionEventUid(2024, 'oraux', 'MCO-autres'))?.description).toContain(
      'Candidats des académies sans jour propre.',
    );
    expect(byUid.get(sessionEventUid(2024, 'oraux', 'NDRC-autres'))).toMatchObject({
      summary: 'Oraux de contrôle — BTS NDRC, toutes les académies',
    });
    expect(events.filter((e) => 'day' in e)).toHaveLength(5);
  });

  it('has unique UIDs that do not depend on the instants, so an amendment replaces events', () => {
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const moved = sessionFeedEvents(
      {
        ...session,
        secondGroupResultsAt: '2024-07-10T15:30:00.000Z',
        specialties: session.specialties.map((s) => ({
          ...s,
          firstGroupResultsAt: '2024-06-28T07:00:00.000Z',
          choiceWindow: { ...s.choiceWindow, closesAt: '2024-07-01T10:00:00.000Z' },
          oralDays: s.oralDays.map((d) => ({ ...d, date: '2024-07-08' })),
        })),
      },
      stamp,
    );
    expect(moved.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
  });

  it('writes instants without an end, days as dates, windows as spans', () => {
    const ics = buildIcsCalendar({ prodId: '-//t//t//FR', events }).replace(/\r\n /g, '');
    expect(ics).toContain('DTSTART:20240710T143000Z\r\nSUMMARY:Résultats des épreuves de contrôle');
    expect(ics).toContain('DTSTART;VALUE=DATE:20240703\r\nDTEND;VALUE=DATE:20240704\r\n');
    expect(ics).toContain('DTSTART:20240628T080000Z\r\nDTEND:20240701T080000Z\r\n');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(events.length);
  });
});

describe('candidateFeedEvents', () => {
  const calendar = {
    year: 2024,
    specialtyCode: 'MCO',
    specialtyName: 'Management commercial opérationnel',
    firstGroupResultsAt: '2024-06-28T08:00:00.000Z',
    choiceWindow: window,
    oralDay: '2024-07-03',
    secondGroupResultsAt: '2024-07-10T14:30:00.000Z',
  };

  it('gives the candidate’s four dates, and says nothing of their outcome', () => {
    const events = candidateFeedEvents(calendar, stamp);
    expect(events.map((e) => e.summary)).toEqual([
      'Résultats du premier groupe — BTS MCO',
      'Choix des épreuves de contrôle — BTS MCO',
      'Oraux de contrôle — BTS MCO',
      'Résultats des épreuves de contrôle — BTS MCO',
    ]);
    expect(events[1]).toMatchObject({
      start: new Date(window.opensAt),
      end: new Date(window.closesAt),
      description: expect.stringContaining(
        'Si vous êtes admis(e) à vous présenter aux épreuves de contrôle : choisissez vos deux épreuves avant le lundi 1er juillet 2024 à 10 h 00 (heure de Paris).',
      ) as unknown,
    });
    expect(events[2]).toMatchObject({ day: '2024-07-03' });
    for (const e of events) expect(e.description).not.toMatch(/ajourné|admis à l|moyenne|\/ ?20/i);
  });

  it('has UIDs of its own that an amendment keeps, and no oral day when none is fixed', () => {
    const events = candidateFeedEvents(calendar, stamp);
    const moved = candidateFeedEvents(
      { ...calendar, oralDay: '2024-07-05', secondGroupResultsAt: '2024-07-10T16:00:00.000Z' },
      stamp,
    );
    expect(moved.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    const publicUids = new Set(sessionFeedEvents(session, stamp).map((e) => e.uid));
    for (const e of events) expect(publicUids.has(e.uid)).toBe(false);
    expect(candidateFeedEvents({ ...calendar, oralDay: null }, stamp)).toHaveLength(3);
  });
});
