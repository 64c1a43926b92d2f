import { describe, expect, it } from 'vitest';
import { parisWallTimeToInstant } from '../calendar/paris-time.ts';
import { passwordResetMessage } from '../accounts/password-reset-message.ts';
import { amendCalendar } from '../calendar/amend-calendar.ts';
import { calendar2024 } from '../calendar/session-2024.ts';
import {
  calendarAmendedMessage,
  choiceReceiptMessage,
  convocationMessage,
  firstGroupPublishedMessage,
  secondGroupPublishedMessage,
  windowReminderMessage,
} from './notification-messages.ts';

const to = { firstName: 'Camille', lastName: 'Martin', year: 2024, specialtyCode: 'MCO' };
const paris = (wall: string) => parisWallTimeToInstant(wall);

describe('notification messages', () => {
  it('a receipt names the two tests, the channel and the closing of the window in Paris time', () => {
    const m = choiceReceiptMessage({
      to,
      tests: [
        { code: 'E1', name: 'Culture générale et expression' },
        { code: 'E3', name: 'CEJM' },
      ],
      channel: 'SCHOOL',
      enteredAt: paris('2024-06-30T14:05'),
      windowClosesAt: paris('2024-07-01T10:00'),
    });
    expect(m.subject).toBe(
      'Épreuves de contrôle (BTS MCO, session 2024) : votre choix est enregistré',
    );
    expect(m.text).toContain('Bonjour Camille Martin,');
    expect(m.text).toContain(
      'enregistré par votre établissement de formation le dimanche 30 juin 2024 à 14 h 05.',
    );
    expect(m.text).toContain('- E1 Culture générale et expression\n- E3 CEJM');
    expect(m.text).toContain('jusqu’au lundi 1er juillet 2024 à 10 h 00 (heure de Paris)');
  });

  it('a receipt of a choice recorded late by the exam office says so and offers no change', () => {
    const m = choiceReceiptMessage({
      to,
      tests: [
        { code: 'E1', name: 'Culture générale et expression' },
        { code: 'E3', name: 'CEJM' },
      ],
      channel: 'CANDIDATE_SPACE',
      enteredAt: paris('2024-07-02T09:15'),
      windowClosesAt: paris('2024-07-01T10:00'),
      late: true,
    });
    expect(m.text).toContain(
      'a été enregistré le mardi 2 juillet 2024 à 9 h 15, hors délai, à titre exceptionnel, par le service des examens.',
    );
    expect(m.text).toContain('après la date limite, à titre exceptionnel');
    expect(m.text).not.toContain('peut encore être modifié');
  });

  it('a convocation lists both orals in time order', () => {
    const m = convocationMessage({
      to,
      orals: [
        {
          test: { code: 'E3', name: 'CEJM' },
          preparationStartsAt: paris('2024-07-03T14:00'),
          startsAt: paris('2024-07-03T14:20'),
          endsAt: paris('2024-07-03T14:40'),
          place: 'Salle 2',
        },
        {
          test: { code: 'E1', name: 'Culture générale et expression' },
          preparationStartsAt: paris('2024-07-03T08:00'),
          startsAt: paris('2024-07-03T08:20'),
          endsAt: paris('2024-07-03T08:40'),
          place: 'Salle 1',
        },
      ],
    });
    expect(m.text.indexOf('E1 Culture')).toBeLessThan(m.text.indexOf('E3 CEJM'));
    expect(m.text).toContain('- le mercredi 3 juillet 2024');
    expect(m.text).toContain(
      '- accueil et début de la préparation à 8 h 00, oral de 8 h 20 à 8 h 40 (heure de Paris)',
    );
    expect(m.text).toContain('- lieu : Salle 2');
  });

  // The reminder's very existence tells a CONTROL_ALLOWED outcome, after its
  // publication; still no mark or average goes by e-mail.
  it('publication notices and reminders carry no mark, only where to look (log-in)', () => {
    const texts = [
      firstGroupPublishedMessage({ to, publishedAt: paris('2024-06-28T10:00') }),
      secondGroupPublishedMessage({ to, publishedAt: paris('2024-07-10T16:30') }),
      windowReminderMessage({ to, windowClosesAt: paris('2024-07-01T10:00') }),
    ];
    for (const m of texts) {
      expect(m.text).not.toMatch(/ajourné|moyenne|\d+,\d\d|\/ ?20/);
      expect(m.text).toContain('espace candidat');
    }
    expect(texts[0]?.text).toContain('publiés depuis le vendredi 28 juin 2024 à 10 h 00.');
    expect(texts[2]?.subject).toBe(
      'Rappel : choisissez vos épreuves de contrôle avant le lundi 1er juillet 2024 à 10 h 00',
    );
  });

  it.each([
    [
      { kind: 'CHOICE_WINDOW_CLOSES', batchId: 'A', to: paris('2024-07-01T12:00') },
      'Calendrier modifié : la fermeture de la saisie des choix d’épreuves de contrôle',
      'La fermeture de la saisie des choix d’épreuves de contrôle : initialement le lundi 1er juillet 2024 à 10 h 00 (heure de Paris), désormais le lundi 1er juillet 2024 à 12 h 00 (heure de Paris).',
      true,
    ],
    [
      { kind: 'ORAL_DAY', specialtyCode: 'MCO', originAcademyCode: null, to: '2024-07-05' },
      'Calendrier modifié : le jour de vos épreuves orales de contrôle',
      'Le jour de vos épreuves orales de contrôle : initialement le mercredi 3 juillet 2024, désormais le vendredi 5 juillet 2024.',
      true,
    ],
    [
      { kind: 'FIRST_GROUP_RESULTS', batchId: 'A', to: paris('2024-06-28T09:00') },
      'Calendrier modifié : la publication des résultats du premier groupe',
      'La publication des résultats du premier groupe : initialement le vendredi 28 juin 2024 à 10 h 00 (heure de Paris), désormais le vendredi 28 juin 2024 à 9 h 00 (heure de Paris).',
      false,
    ],
  ] as const)(
    'a calendar amendment says what moved, from when to when, and why: %o',
    (change, subject, line, ifConcerned) => {
      const amended = amendCalendar(
        calendar2024,
        change,
        ' Grève des transports. ',
        paris('2024-06-01T10:00'),
      );
      if (!amended.ok) throw new Error(JSON.stringify(amended));
      const m = calendarAmendedMessage({ to, amendment: amended });
      expect(m.subject).toBe(subject);
      expect(m.text).toContain('Bonjour Camille Martin,');
      expect(m.text).toContain(line);
      expect(m.text).toContain('Motif : Grève des transports.');
      expect(m.text.includes('que si vous êtes admis(e) à vous présenter')).toBe(ifConcerned);
      expect(m.text).not.toMatch(/ajourné|moyenne|\d+,\d\d|\/ ?20|'/);
    },
  );

  it('writes French typography: the académie with its article and no straight apostrophe', () => {
    const at = paris('2024-07-01T10:00');
    const tests = [{ code: 'E1', name: 'Culture générale et expression' }];
    const messages = [
      ...(['CANDIDATE_SPACE', 'SCHOOL'] as const).flatMap((channel) =>
        [false, true].map((late) =>
          choiceReceiptMessage({ to, tests, channel, enteredAt: at, windowClosesAt: at, late }),
        ),
      ),
      convocationMessage({
        to,
        orals: [
          {
            test: tests[0] as { code: string; name: string },
            preparationStartsAt: at,
            startsAt: at,
            endsAt: at,
            place: 'Salle 1',
          },
        ],
      }),
      firstGroupPublishedMessage({ to, publishedAt: at }),
      secondGroupPublishedMessage({ to, publishedAt: at }),
      windowReminderMessage({ to, windowClosesAt: at }),
      passwordResetMessage({
        identifier: 'camille',
        link: 'https://exemple.invalid/r',
        expiresAt: at,
      }),
    ];
    for (const m of messages) {
      expect(`${m.subject}\n${m.text}`).not.toContain("'");
      expect(m.text).toContain('Le service des examens de l’académie de Reims (académie pilote)');
    }
  });
});
