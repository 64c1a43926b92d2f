import { fail } from '@sveltejs/kit';
import { formatParisDateTime } from '@rattrapage/domain';
import { ChooseControlTests } from '#lib/documents/candidate.ts';
import { apiRequest } from '#lib/server/api-client.ts';

/**
 * The form action shared by the candidate space and the school space: reads
 * the two checked tests, asks the API (which applies the domain's rules),
 * and turns each refusal into a French message for the form.
 */
export async function chooseControlTestsAction(
  request: Request,
  locals: App.Locals,
  candidateId: string,
) {
  const form = await request.formData();
  const testCodes = form.getAll('test').filter((v): v is string => typeof v === 'string');
  const { chooseControlTests: result } = await apiRequest(
    locals.api,
    ChooseControlTests,
    { candidateId, testCodes },
    locals.token,
  );
  switch (result.__typename) {
    case 'ControlChoice':
      return { chosen: true as const, message: 'Votre choix est enregistré.' };
    case 'ChoiceWindowNotOpen':
      return fail(409, {
        testCodes,
        message: `La saisie des choix ouvrira le ${formatParisDateTime(new Date(result.opensAt))}.`,
      });
    case 'ChoiceWindowClosed':
      return fail(409, {
        testCodes,
        message: `La saisie des choix est close depuis le ${formatParisDateTime(new Date(result.closedAt))}.`,
      });
    default:
      return fail(400, { testCodes, message: result.message });
  }
}
