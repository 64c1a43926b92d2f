import { fail } from '@sveltejs/kit';
import {
  accommodationLines,
  explainFirstGroup,
  isPublishedAt,
  windowState,
} from '@rattrapage/domain';
import {
  CreateCalendarLink,
  RevokeCalendarLink,
  SetAdmissionListConsent,
} from '#lib/documents/candidate.ts';
import { thresholdsOf } from '#lib/rules-view.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { chooseControlTestsAction } from '#lib/server/choose-control-tests.ts';
import { remainingTimeFr } from '#lib/server/candidate-countdown.ts';
import { loadCandidateId, loadCandidateSpace } from '#lib/server/candidate-query.ts';
import type { Actions, PageServerLoad } from './$types';

function ratioOf(text: string | null): { numerator: number; denominator: number } | null {
  const match = text === null ? null : /^(\d+)\/(\d+)$/.exec(text);
  return match === null ? null : { numerator: Number(match[1]), denominator: Number(match[2]) };
}

export const load = (async ({ locals }) => {
  const { now, candidate } = await loadCandidateSpace(locals);
  const at = new Date(now);
  const firstGroup = candidate.firstGroup;
  const explanation =
    firstGroup === null
      ? null
      : explainFirstGroup({
          reason: firstGroup.reason,
          outcome: firstGroup.outcome,
          overall: firstGroup.overallAverage?.display ?? null,
          professional: firstGroup.professionalAverage?.display ?? null,
          unjustifiedAbsences: firstGroup.marks
            .filter((m) => m.status === 'ABSENT')
            .map((m) => m.test.code),
          thresholds: thresholdsOf(candidate.specialty.session.rules.thresholds),
        });
  const window = candidate.control?.window ?? null;
  // The domain decides (half-open window), on the API's clock.
  const state =
    window === null
      ? null
      : windowState({ opensAt: new Date(window.opensAt), closesAt: new Date(window.closesAt) }, at);
  const remaining =
    window !== null && state === 'OPEN' ? remainingTimeFr(at, new Date(window.closesAt)) : null;
  const granted = candidate.accommodation;
  return {
    now,
    candidate,
    // The API writes the ratio "1/3"; the domain words it.
    accommodation: accommodationLines(
      granted === null
        ? null
        : {
            extraPreparation: ratioOf(granted.extraPreparation),
            accessibleRoomRequired: granted.accessibleRoomRequired,
            note: granted.note,
          },
    ),
    explanation,
    windowState: state,
    remaining,
    // Before the instant the API gives, by the domain's embargo rule.
    firstGroupPending:
      firstGroup === null && !isPublishedAt(new Date(candidate.specialty.firstGroupResultsAt), at),
  };
}) satisfies PageServerLoad;

export const actions = {
  choisir: async ({ request, locals }) => {
    const candidateId = await loadCandidateId(locals);
    return chooseControlTestsAction(request, locals, candidateId);
  },
  // The secret is shown this once: the API keeps only its hash.
  'creer-lien-agenda': async ({ locals, url }) => {
    const { createCalendarLink } = await apiRequest(
      locals.api,
      CreateCalendarLink,
      {},
      locals.token,
    );
    return { calendarUrl: new URL(`/calendrier/${createCalendarLink.token}.ics`, url.origin).href };
  },
  'desactiver-lien-agenda': async ({ locals }) => {
    const { revokeCalendarLink } = await apiRequest(
      locals.api,
      RevokeCalendarLink,
      {},
      locals.token,
    );
    return {
      calendarMessage: revokeCalendarLink
        ? 'Le lien est désactivé : il n’ouvre plus rien.'
        : 'Aucun lien n’était actif.',
    };
  },
  'liste-des-admis': async ({ request, locals }) => {
    const asked = (await request.formData()).get('accord');
    if (asked !== 'oui' && asked !== 'non') {
      return fail(400, { admissionListMessage: 'Demande incomprise : rien n’a changé.' });
    }
    const { setAdmissionListConsent } = await apiRequest(
      locals.api,
      SetAdmissionListConsent,
      { given: asked === 'oui' },
      locals.token,
    );
    return {
      admissionListMessage: setAdmissionListConsent.given
        ? 'C’est noté : si vous êtes admis(e), votre nom figurera sur la liste publique des admis.'
        : 'C’est noté : votre nom ne figure pas sur la liste publique des admis.',
    };
  },
} satisfies Actions;
