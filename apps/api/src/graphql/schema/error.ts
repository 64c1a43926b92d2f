import {
  type ChoiceRefusal,
  type InvalidChoiceReason,
  type LateChoiceRefusal,
  formatParisDateTime,
} from '@rattrapage/domain';
import { builder } from '../builder.ts';

/**
 * Expected failures are data: members of result unions that implement
 * `Error` with a stable `code` for programs and a French `message` for
 * people. Each class is thrown by a resolver and caught by the errors plugin.
 */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export const ErrorInterface = builder.interfaceRef<ApiError>('Error').implement({
  description:
    'An expected failure: `code` is stable for programs, `message` is French, for people.',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

export class InvalidCredentials extends ApiError {
  constructor() {
    super('INVALID_CREDENTIALS', 'Identifiant ou mot de passe incorrect.');
  }
}

/** What a lock-out suspends, named after the mutation that met it. */
const SUSPENDED: Readonly<Record<'logIn' | 'changePassword' | 'resetPassword', string>> = {
  logIn: 'la connexion est suspendue',
  changePassword: 'le changement de mot de passe est suspendu',
  resetPassword: 'la réinitialisation du mot de passe est suspendue',
};

const MINUTE_MS = 60_000;

export class TooManyAttempts extends ApiError {
  readonly retryAfter: Date;
  constructor(retryAfter: Date, attempted: keyof typeof SUSPENDED) {
    // Minutes only are shown: rounded up, so the time given is never too early.
    const end = new Date(Math.ceil(retryAfter.getTime() / MINUTE_MS) * MINUTE_MS);
    super(
      'TOO_MANY_ATTEMPTS',
      `Trop de tentatives : ${SUSPENDED[attempted]} jusqu’au ${formatParisDateTime(end)} (heure de Paris).`,
    );
    this.retryAfter = retryAfter;
  }
}

export class ChoiceWindowNotOpen extends ApiError {
  readonly opensAt: Date;
  constructor(opensAt: Date) {
    super('CHOICE_WINDOW_NOT_OPEN', 'La saisie des choix n’est pas encore ouverte.');
    this.opensAt = opensAt;
  }
}

export class ChoiceWindowClosed extends ApiError {
  readonly closedAt: Date;
  constructor(closedAt: Date) {
    super('CHOICE_WINDOW_CLOSED', 'La saisie des choix est close.');
    this.closedAt = closedAt;
  }
}

export type LateChoiceCause = Exclude<
  LateChoiceRefusal['code'],
  'NOT_ELIGIBLE_FOR_CONTROL' | 'INVALID_CHOICE' | 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL'
>;

export class LateChoiceRefused extends ApiError {
  // Not `cause`: Error has one, for chaining.
  readonly refusal: LateChoiceCause;
  /** The instant the refusal turns on (the window's end, the results), when there is one. */
  readonly at: Date | null;
  constructor(cause: LateChoiceCause, message: string, at: Date | null = null) {
    super('LATE_CHOICE_REFUSED', message);
    this.refusal = cause;
    this.at = at;
  }
}

const CHANNEL_MESSAGES: Record<ChoiceRefusal, string> = {
  INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL:
    'Ce candidat est un candidat individuel : son choix se fait exclusivement sur son espace candidat.',
  NOT_OWN_CANDIDATE: 'Ce candidat n’est pas inscrit dans votre établissement.',
  NOT_THE_CANDIDATE: 'Vous ne pouvez saisir que votre propre choix.',
};

export class ChannelNotAllowed extends ApiError {
  readonly reason: ChoiceRefusal;
  constructor(reason: ChoiceRefusal) {
    super('CHANNEL_NOT_ALLOWED', CHANNEL_MESSAGES[reason]);
    this.reason = reason;
  }
}

export class NotEligibleForControl extends ApiError {
  constructor() {
    super(
      'NOT_ELIGIBLE_FOR_CONTROL',
      'Ce candidat n’est pas admis à se présenter aux épreuves de contrôle.',
    );
  }
}

export class ResultWithheld extends ApiError {
  constructor() {
    super(
      'RESULT_WITHHELD',
      'Le résultat de ce candidat est en attente : le service des examens le publiera, le choix ne peut pas être saisi d’ici là.',
    );
  }
}

export class InvalidControlChoice extends ApiError {
  readonly reason: InvalidChoiceReason;
  readonly testCode: string | null;
  constructor(reason: InvalidChoiceReason, testCode: string | null, message: string) {
    super('INVALID_CONTROL_CHOICE', message);
    this.reason = reason;
    this.testCode = testCode;
  }
}

export class InvalidControlMark extends ApiError {
  constructor() {
    super(
      'INVALID_CONTROL_MARK',
      'Indiquez soit une note entière en centièmes entre 0 et 2000, soit une absence, mais pas les deux.',
    );
  }
}

export class TestNotChosen extends ApiError {
  constructor() {
    super(
      'TEST_NOT_CHOSEN',
      'Cette épreuve ne fait pas partie des épreuves choisies par le candidat.',
    );
  }
}

export class MarkRecordingNotOpen extends ApiError {
  constructor() {
    super(
      'MARK_RECORDING_NOT_OPEN',
      'Les notes de contrôle ne peuvent être saisies qu’après la clôture de la saisie des choix.',
    );
  }
}

export class MarkRecordingClosed extends ApiError {
  constructor() {
    super(
      'MARK_RECORDING_CLOSED',
      'Les résultats du second groupe sont publiés : seule l’académie pilote peut encore corriger une note.',
    );
  }
}

export class UnknownExamSession extends ApiError {
  constructor(year: number) {
    super('UNKNOWN_EXAM_SESSION', `Aucune session d’examen ${year}.`);
  }
}

/**
 * Registers failures that carry nothing but `code` and `message`, each as its
 * own object type implementing `Error`.
 */
export function plainErrorTypes(
  types: readonly (readonly [new (...args: never[]) => ApiError, string, string])[],
): void {
  for (const [type, name, description] of types)
    // The class itself is the type's reference: the errors plugin finds it by its class.
    builder.objectType(type as typeof ApiError, {
      name,
      description,
      interfaces: [ErrorInterface],
      isTypeOf: (value) => value instanceof type,
      fields: () => ({}),
    });
}

builder.objectType(InvalidCredentials, {
  name: 'InvalidCredentials',
  description: 'Wrong identifier or password; never says which.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentials,
  fields: () => ({}),
});

builder.objectType(TooManyAttempts, {
  name: 'TooManyAttempts',
  description: 'Log-in is temporarily locked.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof TooManyAttempts,
  fields: (t) => ({
    retryAfter: t.expose('retryAfter', { type: 'DateTime' }),
  }),
});

builder.objectType(ChoiceWindowNotOpen, {
  name: 'ChoiceWindowNotOpen',
  description: 'The choice window has not opened yet.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ChoiceWindowNotOpen,
  fields: (t) => ({
    opensAt: t.expose('opensAt', { type: 'DateTime' }),
  }),
});

builder.objectType(ChoiceWindowClosed, {
  name: 'ChoiceWindowClosed',
  description: 'The choice window has closed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ChoiceWindowClosed,
  fields: (t) => ({
    closedAt: t.expose('closedAt', { type: 'DateTime' }),
  }),
});

builder.objectType(LateChoiceRefused, {
  name: 'LateChoiceRefused',
  description:
    'A choice after the deadline cannot be recorded now, or without a reason: `cause` says which rule.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof LateChoiceRefused,
  fields: (t) => ({
    cause: t.field({
      type: builder.enumType('LateChoiceRefusalCause', {
        values: [
          'WINDOW_NOT_CLOSED',
          'RESULTS_PUBLISHED',
          'REASON_REQUIRED',
          'REASON_TOO_LONG',
        ] as const,
      }),
      resolve: (e) => e.refusal,
    }),
    at: t.expose('at', { type: 'DateTime', nullable: true }),
  }),
});

builder.objectType(ChannelNotAllowed, {
  name: 'ChannelNotAllowed',
  description: 'This actor may not enter this candidate’s choice.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ChannelNotAllowed,
  fields: (t) => ({
    reason: t.exposeString('reason'),
  }),
});

builder.objectType(NotEligibleForControl, {
  name: 'NotEligibleForControl',
  description: 'The candidate is not allowed to the control.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotEligibleForControl,
  fields: () => ({}),
});

builder.objectType(ResultWithheld, {
  name: 'ResultWithheld',
  description:
    'The pilot académie holds the candidate’s result back (« résultat réservé »): no choice until it is released.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ResultWithheld,
  fields: () => ({}),
});

builder.objectType(InvalidControlChoice, {
  name: 'InvalidControlChoice',
  description: 'Not exactly two distinct eligible general-domain tests.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidControlChoice,
  fields: (t) => ({
    reason: t.exposeString('reason'),
    testCode: t.exposeString('testCode', { nullable: true }),
  }),
});

builder.objectType(InvalidControlMark, {
  name: 'InvalidControlMark',
  description: 'A mark outside 0..2000 hundredths, or both or neither of a mark and an absence.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidControlMark,
  fields: () => ({}),
});

builder.objectType(TestNotChosen, {
  name: 'TestNotChosen',
  description: 'The test is not one of the candidate’s two chosen tests.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof TestNotChosen,
  fields: () => ({}),
});

builder.objectType(MarkRecordingNotOpen, {
  name: 'MarkRecordingNotOpen',
  description: 'Control marks come after the choice window has closed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof MarkRecordingNotOpen,
  fields: () => ({}),
});

builder.objectType(MarkRecordingClosed, {
  name: 'MarkRecordingClosed',
  description: 'Second-group results are published: only the pilot may correct a mark.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof MarkRecordingClosed,
  fields: () => ({}),
});

builder.objectType(UnknownExamSession, {
  name: 'UnknownExamSession',
  description: 'No exam session for that year.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof UnknownExamSession,
  fields: () => ({}),
});
