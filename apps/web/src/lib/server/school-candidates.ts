import { error, redirect } from '@sveltejs/kit';
import {
  type Channel,
  CHANNEL_BY_LABELS,
  FIRST_GROUP_OUTCOME_LABELS,
  LATE_CHOICE_NOTE,
  RESULT_STATE_LABELS,
  choiceChannelText,
  instantToParisWallTime,
} from '@rattrapage/domain';
import type { ResultOf, VariablesOf } from '#lib/graphql.ts';
import type { SchoolCandidatesQuery } from '#lib/documents/school.ts';
import type { SchoolCandidateRow } from '#lib/school-candidate-row.ts';
import type { Role } from '#lib/server/session.ts';

/** The exam session the school space works on. */

/**
 * The school space is for SCHOOL accounts only: anonymous visitors go to
 * log-in, other roles get a 403 (the API would refuse them anyway).
 */
export function requireSchool<V extends { role: Role }>(viewer: V | null): V {
  if (viewer === null) redirect(303, '/connexion');
  if (viewer.role !== 'SCHOOL') error(403, 'Vous n’avez pas accès à cette page.');
  return viewer;
}

// ---------------------------------------------------------------- filters

/** The domain's wording, shared with the candidate's page, the PDFs and the exports. */
export const OUTCOME_LABELS = FIRST_GROUP_OUTCOME_LABELS;

export type Outcome = keyof typeof OUTCOME_LABELS;

export const NOT_PUBLISHED_LABEL = RESULT_STATE_LABELS.UNDISCLOSED;

export const CHOSEN_OPTIONS = [
  { value: '', label: 'Tous' },
  { value: 'oui', label: 'Choix saisi' },
  { value: 'non', label: 'Pas de choix' },
] as const;

/** The filter as it stands in the URL (French parameter names). */
export interface SchoolFilterParams {
  specialite: string;
  resultat: '' | Outcome;
  choix: '' | 'oui' | 'non';
}

type CandidatesVariables = VariablesOf<typeof SchoolCandidatesQuery>;
export type CandidateFilterInput = NonNullable<CandidatesVariables['filter']>;

function isOutcome(value: string): value is Outcome {
  return Object.hasOwn(OUTCOME_LABELS, value);
}

/** Reads the filter from the query string, ignoring malformed values. */
export function readSchoolFilter(search: URLSearchParams): {
  params: SchoolFilterParams;
  filter: CandidateFilterInput;
} {
  const rawSpecialty = (search.get('specialite') ?? '').trim();
  const specialite = /^[A-Za-z0-9_-]{1,20}$/.test(rawSpecialty) ? rawSpecialty : '';
  const rawOutcome = search.get('resultat') ?? '';
  const resultat = isOutcome(rawOutcome) ? rawOutcome : '';
  const rawChosen = search.get('choix') ?? '';
  const choix = rawChosen === 'oui' || rawChosen === 'non' ? rawChosen : '';

  const filter: CandidateFilterInput = {};
  if (specialite !== '') filter.specialtyCode = specialite;
  if (resultat !== '') filter.firstGroupOutcome = resultat;
  if (choix !== '') filter.hasChosen = choix === 'oui';
  return { params: { specialite, resultat, choix }, filter };
}

/** The filter as a query string (without "?"), for links that keep it. */
export function schoolFilterQuery(
  params: SchoolFilterParams,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams();
  if (params.specialite !== '') query.set('specialite', params.specialite);
  if (params.resultat !== '') query.set('resultat', params.resultat);
  if (params.choix !== '') query.set('choix', params.choix);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return query.toString();
}

// ---------------------------------------------------------------- queries

export type SchoolCandidate = ResultOf<
  typeof SchoolCandidatesQuery
>['candidates']['edges'][number]['node'];

// ---------------------------------------------------------------- wording

export type { Channel };

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = CHANNEL_BY_LABELS;

/** The channel column of the CSV export: who entered the choice, and whether it came late. */
export function channelCsvText(choice: { channel: Channel; recordedLate: boolean }): string {
  return choiceChannelText(choice.channel, choice.recordedLate);
}

/** The first-group outcome in words, or why there is none to show. */
export function outcomeLabel(candidate: {
  firstGroup: { outcome: Outcome } | null;
  resultWithheld: boolean;
}): string {
  if (candidate.resultWithheld) return RESULT_STATE_LABELS.WITHHELD;
  return candidate.firstGroup === null
    ? NOT_PUBLISHED_LABEL
    : OUTCOME_LABELS[candidate.firstGroup.outcome];
}

/** "2024-06-28 10:15": Paris wall time to the minute, sortable, for spreadsheets. */
export function csvParisDateTime(instant: string): string {
  return instantToParisWallTime(new Date(instant)).slice(0, 16).replace('T', ' ');
}

export type { SchoolCandidateRow };

export function candidateHref(id: string): string {
  return `/etablissement/candidats/${encodeURIComponent(id)}`;
}

export function choiceSummary(
  choice: {
    channel: Channel;
    recordedLate: boolean;
    tests: readonly { code: string }[];
  } | null,
): string {
  if (choice === null) return 'Pas de choix';
  const by = choice.recordedLate ? LATE_CHOICE_NOTE : CHANNEL_LABELS[choice.channel];
  return `Choix saisi : ${choice.tests.map((t) => t.code).join(', ')} (${by})`;
}

export function toRow(candidate: SchoolCandidate): SchoolCandidateRow {
  const control = candidate.control;
  // The API says whether the window is open (on its clock) and the channel
  // rule lives in the domain/API: the web only offers the link.
  const mayEnter = control !== null && !candidate.individual && control.window.isOpen;
  return {
    id: candidate.id,
    href: candidateHref(candidate.id),
    number: candidate.number,
    name: `${candidate.lastName} ${candidate.firstName}`,
    specialty: candidate.specialty.code,
    specialtyName: candidate.specialty.name,
    individual: candidate.individual,
    outcome: outcomeLabel(candidate),
    choice: control === null ? null : choiceSummary(control.choice),
    hasChoice: control?.choice != null,
    action: mayEnter ? (control.choice === null ? 'Saisir le choix' : 'Modifier le choix') : null,
  };
}
