import {
  type CalendarChange,
  DomainInputError,
  amendmentRefusalText,
  parisWallTimeToInstant,
} from '@rattrapage/domain';
import { type AmendSessionOutcome, convocationsIssuedText } from './services/amend-session.ts';

export const AMEND_USAGE =
  'usage: session amend --year <année> --what <FIRST_GROUP_RESULTS|CHOICE_WINDOW_OPENS|CHOICE_WINDOW_CLOSES --batch <lot>|SECOND_GROUP_RESULTS> --to <AAAA-MM-JJTHH:mm, heure de Paris> --reason <motif>\n' +
  '       session amend --year <année> --what ORAL_DAY --specialty <code> [--academy <code>] --day <AAAA-MM-JJ> --reason <motif>';

/** The options `session amend` reads (node:util parseArgs). */
export const AMEND_OPTIONS = {
  year: { type: 'string' },
  what: { type: 'string' },
  batch: { type: 'string' },
  specialty: { type: 'string' },
  academy: { type: 'string' },
  to: { type: 'string' },
  day: { type: 'string' },
  reason: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof AMEND_OPTIONS, string>>;

export type AmendArguments =
  | {
      readonly ok: true;
      readonly year: number;
      readonly change: CalendarChange;
      readonly reason: string;
    }
  | { readonly ok: false; readonly message: string };

const BATCH_KINDS = ['FIRST_GROUP_RESULTS', 'CHOICE_WINDOW_OPENS', 'CHOICE_WINDOW_CLOSES'] as const;

/**
 * The command line's amendment, read: instants are given as the exam
 * office reads them, in Paris wall time, and converted here; a wall time
 * that does not exist (or happens twice) in Paris is refused in French.
 */
export function parseAmendArguments(values: Values): AmendArguments {
  const usage = { ok: false, message: AMEND_USAGE } as const;
  const year = Number(values.year);
  if (values.year === undefined || !/^\d{4}$/.test(values.year) || values.reason === undefined)
    return usage;
  const reason = values.reason;
  if (values.what === 'ORAL_DAY') {
    if (values.specialty === undefined || values.day === undefined) return usage;
    return {
      ok: true,
      year,
      reason,
      change: {
        kind: 'ORAL_DAY',
        specialtyCode: values.specialty,
        originAcademyCode: values.academy ?? null,
        to: values.day,
      },
    };
  }
  if (values.to === undefined) return usage;
  let to: Date;
  try {
    to = parisWallTimeToInstant(values.to);
  } catch (error) {
    if (error instanceof DomainInputError) return { ok: false, message: error.message };
    throw error;
  }
  if (values.what === 'SECOND_GROUP_RESULTS')
    return { ok: true, year, reason, change: { kind: 'SECOND_GROUP_RESULTS', to } };
  const kind = BATCH_KINDS.find((k) => k === values.what);
  if (kind === undefined || values.batch === undefined) return usage;
  return { ok: true, year, reason, change: { kind, batchId: values.batch, to } };
}

/** What the command prints, and its exit code. */
export function amendReport(outcome: AmendSessionOutcome): {
  readonly exitCode: number;
  readonly text: string;
} {
  switch (outcome.kind) {
    case 'unknownSession':
      return { exitCode: 1, text: `Aucune session d’examen ${outcome.year}.` };
    case 'refused':
      return {
        exitCode: 1,
        text: `Modification refusée, rien n’a été enregistré : ${amendmentRefusalText(outcome.refusal)}`,
      };
    case 'convocationsIssued':
      return {
        exitCode: 1,
        text: `Modification refusée, rien n’a été enregistré : ${convocationsIssuedText(outcome.candidates)}`,
      };
    case 'amended': {
      const a = outcome.amendment;
      return {
        exitCode: 0,
        text: `Calendrier modifié (${a.what}) : ${a.from} → ${a.to} (heure de Paris). ${outcome.notified} candidat(s) prévenu(s).`,
      };
    }
  }
}
