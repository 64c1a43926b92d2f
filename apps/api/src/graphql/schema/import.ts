import { IMPORT_KINDS, type ImportKind } from '../../import/import-kind.ts';
import {
  type ImportProblem,
  MAX_LISTED_PROBLEMS,
  describeProblem,
} from '../../import/import-problem.ts';
import { type ImportReport, runImport } from '../../import/run-import.ts';
import { hashPassword } from '../../auth/password.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { ApiError, ErrorInterface, UnknownExamSession } from './error.ts';

/**
 * Bulk import of an académie's CSV exports, for the pilot académie only.
 *
 * Candidate accounts are NOT created through GraphQL: their initial
 * passwords would travel in a response body, through proxies, logs and a
 * browser's memory. The command-line import (`pnpm --filter @rattrapage/api
 * import`) creates them and writes the passwords to a file on the server
 * only; running it on a file already imported here creates just the
 * missing accounts.
 */

/** The largest CSV text accepted (UTF-8 bytes); the HTTP body limit is set just above it. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const ImportKindEnum = builder.enumType('ImportKind', {
  values: Object.keys(IMPORT_KINDS) as ImportKind[],
});

export class ImportRefused extends ApiError {
  readonly problems: readonly ImportProblem[];
  readonly total: number;
  readonly fileSha256: string;
  constructor(problems: readonly ImportProblem[], total: number, fileSha256: string) {
    const first = problems[0];
    super(
      'IMPORT_REFUSED',
      `Fichier refusé, rien n’a été modifié : ${total} problème${total > 1 ? 's' : ''}` +
        (first === undefined ? '.' : ` (le premier : ${describeProblem(first)}).`),
    );
    this.problems = problems;
    this.total = total;
    this.fileSha256 = fileSha256;
  }
}

export class ImportTooLarge extends ApiError {
  readonly maxBytes: number;
  constructor() {
    super(
      'IMPORT_TOO_LARGE',
      `Fichier trop volumineux (au plus ${MAX_IMPORT_BYTES / 1024 / 1024} Mo) : utilisez l’import en ligne de commande.`,
    );
    this.maxBytes = MAX_IMPORT_BYTES;
  }
}

const ImportProblemRef = builder.objectRef<ImportProblem>('ImportProblem').implement({
  description: 'Why one line (or the whole file) was refused.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'Physical line in the file; the header is line 1.' }),
    column: t.exposeString('column', { nullable: true }),
    value: t.exposeString('value', { nullable: true }),
    reason: t.exposeString('reason', { description: 'French.' }),
    code: t.exposeString('code', {
      description:
        'Stable: INVALID_IDENTIFIER when a candidate number or UAI breaks its format, else INVALID_VALUE.',
    }),
  }),
});

builder.objectType(ImportRefused, {
  name: 'ImportRefused',
  description: `The file has bad lines: nothing was changed. At most ${MAX_LISTED_PROBLEMS} problems are listed, by line.`,
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ImportRefused,
  fields: (t) => ({
    problems: t.field({ type: [ImportProblemRef], resolve: (e) => [...e.problems] }),
    totalProblems: t.exposeInt('total'),
    fileSha256: t.exposeString('fileSha256'),
  }),
});

builder.objectType(ImportTooLarge, {
  name: 'ImportTooLarge',
  description: 'The CSV text is larger than the GraphQL import accepts.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ImportTooLarge,
  fields: (t) => ({ maxBytes: t.exposeInt('maxBytes') }),
});

const ImportReportRef = builder.objectRef<ImportReport>('ImportReport').implement({
  description:
    'An accepted import. inserted + updated + unchanged = rows; a second import of the same file reports 0 inserted and 0 updated.',
  fields: (t) => ({
    kind: t.field({ type: ImportKindEnum, resolve: (r) => r.kind }),
    year: t.exposeInt('year'),
    rows: t.exposeInt('rows'),
    inserted: t.exposeInt('inserted'),
    updated: t.exposeInt('updated'),
    unchanged: t.exposeInt('unchanged'),
    fileSha256: t.exposeString('fileSha256'),
  }),
});

builder.mutationFields((t) => ({
  importFile: t.field({
    type: ImportReportRef,
    description:
      'PILOT only. Imports one CSV file (`;`-separated, first line = column names; see docs/operations.md). All or nothing: a file with any bad line changes nothing. Candidate accounts are not created here (use the command-line import).',
    authScopes: { roles: ['PILOT'] },
    errors: {
      types: [ImportRefused, ImportTooLarge, UnknownExamSession],
      union: { name: 'ImportResult' },
    },
    args: {
      kind: t.arg({ type: ImportKindEnum, required: true }),
      year: t.arg.int({ required: true }),
      csv: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const bytes = new TextEncoder().encode(args.csv);
      if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportTooLarge();
      const outcome = await runImport(ctx.db, {
        kind: args.kind,
        year: args.year,
        bytes,
        actor: {
          accountId: ctx.viewer.accountId,
          role: ctx.viewer.role,
          label: ctx.viewer.identifier,
        },
        at: ctx.now,
        hashPassword,
        createAccounts: false,
      });
      if (outcome.kind === 'unknownSession') throw new UnknownExamSession(args.year);
      if (outcome.kind === 'refused')
        throw new ImportRefused(outcome.problems, outcome.total, outcome.fileSha256);
      return outcome.report;
    },
  }),
}));
