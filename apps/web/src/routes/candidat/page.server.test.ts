import { isHttpError, isRedirect } from '@sveltejs/kit';
import type * as domain from '@rattrapage/domain';
import { isPublishedAt } from '@rattrapage/domain';
import { describe, expect, it, vi } from 'vitest';
import { candidate, thresholds } from '#lib/server/candidate-space.fixture.ts';
import type { ApiPost } from '#lib/server/api-transport.ts';
import { actions, load } from './+page.server.ts';

// The real rule, watched: the page must ask it rather than compare instants itself.
vi.mock('@rattrapage/domain', async (importOriginal) => {
  const actual = await importOriginal<typeof domain>();
  return { ...actual, isPublishedAt: vi.fn(actual.isPublishedAt) };
});

function run(data: unknown, token: string | null = 'rs_token-of-the-candidate') {
  const api = vi.fn<ApiPost>(() => Promise.resolve(JSON.stringify({ data })));
  return load({ locals: { token, answers: new Map(), api } } as unknown as Parameters<
    typeof load
  >[0]);
}

describe('the candidate space load', () => {
  it('explains the outcome in plain French and counts down to the deadline on the API’s clock', async () => {
    const page = await run({
      clock: { now: '2024-06-29T07:00:00.000Z' },
      viewer: { role: 'CANDIDATE', candidate: candidate() },
    });
    expect(page.explanation).toBe(
      'Votre moyenne générale est de 9,12 et votre moyenne du domaine professionnel de 11,40 : vous êtes admis à vous présenter aux épreuves de contrôle.',
    );
    expect(page.windowState).toBe('OPEN');
    expect(page.remaining).toBe('2 jours et 1 heure');
    expect(page.firstGroupPending).toBe(false);
  });

  it('explains with the thresholds of the candidate’s session, not fixed ones', async () => {
    const base = candidate();
    const page = await run({
      clock: { now: '2024-06-29T07:00:00.000Z' },
      viewer: {
        role: 'CANDIDATE',
        candidate: {
          ...base,
          specialty: {
            ...base.specialty,
            session: { rules: { thresholds: thresholds(1250, 950, 1000) } },
          },
          firstGroup: { ...base.firstGroup, outcome: 'FAILED', reason: 'OVERALL_BELOW_8' },
        },
      },
    });
    expect(page.explanation).toBe(
      'Votre moyenne générale est de 9,12, inférieure à 9,5 : vous êtes ajourné.',
    );
  });

  it('words the accommodation granted through the domain, from the API’s ratio', async () => {
    const page = await run({
      clock: { now: '2024-06-29T07:00:00.000Z' },
      viewer: {
        role: 'CANDIDATE',
        candidate: candidate({
          accommodation: { extraPreparation: '1/3', accessibleRoomRequired: true, note: null },
        }),
      },
    });
    expect(page.accommodation).toEqual([
      'Temps de préparation majoré d’un tiers',
      'Salle accessible',
    ]);
    const none = await run({
      clock: { now: '2024-06-29T07:00:00.000Z' },
      viewer: { role: 'CANDIDATE', candidate: candidate() },
    });
    expect(none.accommodation).toEqual([]);
  });

  it('says the results are to come, with nothing to explain, before publication', async () => {
    const page = await run({
      clock: { now: '2024-06-28T07:59:59.999Z' },
      viewer: { role: 'CANDIDATE', candidate: candidate({ firstGroup: null, control: null }) },
    });
    expect(page.explanation).toBeNull();
    expect(page.windowState).toBeNull();
    expect(page.firstGroupPending).toBe(true);
  });

  it.each([
    ['1 ms before the instant', '2024-06-28T07:59:59.999Z', true],
    ['at the instant', '2024-06-28T08:00:00.000Z', false],
  ])(
    'asks the domain’s embargo rule with the API’s instant and clock (%s)',
    async (_label, now, pending) => {
      vi.mocked(isPublishedAt).mockClear();
      const page = await run({
        clock: { now },
        viewer: { role: 'CANDIDATE', candidate: candidate({ firstGroup: null, control: null }) },
      });
      expect(page.firstGroupPending).toBe(pending);
      expect(isPublishedAt).toHaveBeenCalledWith(
        new Date('2024-06-28T08:00:00.000Z'),
        new Date(now),
      );
    },
  );

  it('follows the domain’s answer rather than its own reading of the calendar', async () => {
    vi.mocked(isPublishedAt).mockReturnValueOnce(true);
    const page = await run({
      clock: { now: '2024-06-28T07:00:00.000Z' },
      viewer: { role: 'CANDIDATE', candidate: candidate({ firstGroup: null, control: null }) },
    });
    expect(page.firstGroupPending).toBe(false);
  });

  it('sends a visitor with no session to the log-in page, and another role to a 403', async () => {
    const anonymous = await run({}, null).catch((e: unknown) => e);
    expect(isRedirect(anonymous) && anonymous.location).toBe('/connexion');
    const school = await run({
      clock: { now: '2024-06-29T07:00:00.000Z' },
      viewer: { role: 'SCHOOL', candidate: null },
    }).catch((e: unknown) => e);
    expect(isHttpError(school) && school.status).toBe(403);
  });
});

describe('the consent to the public list of admitted candidates', () => {
  const consent = async (accord: string | null, given = true) => {
    const body = new FormData();
    if (accord !== null) body.set('accord', accord);
    const api = vi.fn<ApiPost>(() =>
      Promise.resolve(JSON.stringify({ data: { setAdmissionListConsent: { given } } })),
    );
    const answer = await actions['liste-des-admis']({
      request: new Request('http://localhost/candidat?/liste-des-admis', { method: 'POST', body }),
      locals: { token: 'rs_token-of-the-candidate', api },
    } as unknown as Parameters<(typeof actions)['liste-des-admis']>[0]);
    return { answer, api };
  };

  it('sends the candidate’s answer and says what is now in force', async () => {
    for (const [accord, given, said] of [
      ['oui', true, 'votre nom figurera sur la liste'],
      ['non', false, 'votre nom ne figure pas sur la liste'],
    ] as const) {
      const { answer, api } = await consent(accord, given);
      expect(api).toHaveBeenCalledOnce();
      const sent = JSON.parse(api.mock.calls[0]?.[0] ?? '') as {
        variables: unknown;
      };
      expect(sent.variables).toEqual({ given });
      expect(JSON.stringify(answer)).toContain(said);
    }
  });

  it('refuses anything but « oui » or « non » without asking the API', async () => {
    for (const accord of [null, '', 'peut-être', 'OUI']) {
      const { answer, api } = await consent(accord);
      expect(api).not.toHaveBeenCalled();
      expect(answer).toMatchObject({
        status: 400,
        data: { admissionListMessage: 'Demande incomprise : rien n’a changé.' },
      });
    }
  });
});
