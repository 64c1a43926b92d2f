import { error, isHttpError } from '@sveltejs/kit';
import { LATE_CHOICE_NOTE, formatParisDateTime } from '@rattrapage/domain';
import { SchoolCandidateQuery } from '#lib/documents/school.ts';
import { chooseControlTestsAction } from '#lib/server/choose-control-tests.ts';
import { sharedQuery } from '#lib/server/shared-query.ts';
import {
  CHANNEL_LABELS,
  choiceSummary,
  outcomeLabel,
  requireSchool,
} from '#lib/server/school-candidates.ts';
import type { Actions, PageServerLoad } from './$types';

const CANDIDATE_NOT_FOUND = 'Candidat introuvable.';

export const load = (async ({ locals, params, parent }) => {
  requireSchool((await parent()).viewer);
  // Whatever the address holds, the page says only that no such candidate
  // exists: never the text itself (it would read as official). The layout
  // has asked this query already, for its frame: the answer is shared.
  const candidate = await sharedQuery(locals, SchoolCandidateQuery, { id: params.id })
    .then((data) => data.candidate)
    .catch((refusal: unknown) => {
      if (isHttpError(refusal, 400)) return null;
      throw refusal;
    });
  if (candidate === null) error(404, CANDIDATE_NOT_FOUND);
  const control = candidate.control;
  const choice = control?.choice ?? null;
  return {
    candidate: {
      id: candidate.id,
      number: candidate.number,
      name: `${candidate.firstName} ${candidate.lastName}`,
      individual: candidate.individual,
      originAcademy: candidate.originAcademy.name,
      school: candidate.school?.name ?? null,
      specialty: `${candidate.specialty.code} — ${candidate.specialty.name}`,
      outcome: outcomeLabel(candidate),
    },
    control:
      control === null
        ? null
        : {
            window: control.window,
            eligibleTests: control.eligibleTests,
            history: control.choiceHistory,
            summary: choiceSummary(choice),
            choice:
              choice === null
                ? null
                : {
                    codes: choice.tests.map((t) => t.code),
                    tests: choice.tests,
                    by: choice.recordedLate ? LATE_CHOICE_NOTE : CHANNEL_LABELS[choice.channel],
                    lateReason: choice.lateReason,
                    enteredBy: choice.enteredBy,
                    enteredAt: formatParisDateTime(new Date(choice.enteredAt)),
                  },
            windowOpensAt: formatParisDateTime(new Date(control.window.opensAt)),
            windowClosesAt: formatParisDateTime(new Date(control.window.closesAt)),
          },
  };
}) satisfies PageServerLoad;

export const actions = {
  choisir: async ({ request, locals, params }) => {
    const result = await chooseControlTestsAction(request, locals, params.id);
    // The shared helper speaks to the candidate; here the school enters it.
    return 'chosen' in result ? { ...result, message: 'Le choix est enregistré.' } : result;
  },
} satisfies Actions;
