import { decodeGlobalID } from '@pothos/plugin-relay';
import { candidateScopeOf } from '../../access/viewer.ts';
import type { CandidateRecord } from '../../repositories/candidates.repository.ts';
import { outcomesVisibleIn } from '../../services/candidate-results.ts';
import { listCandidates } from '../../services/list-candidates.ts';
import { builder } from '../builder.ts';
import type { RequestContext } from '../../context.ts';
import { BadUserInputError } from '../graphql-errors.ts';
import { Academy, School, Specialty, academyOf, specialtyShape } from './reference.ts';

export const Candidate = builder.objectRef<CandidateRecord>('Candidate');

/** A candidate by id, or null when it does not exist or is outside the viewer's scope. */
export function loadCandidate(ctx: RequestContext, id: string): Promise<CandidateRecord | null> {
  return ctx.loaders.candidates.load(id);
}

/** Accepts a Candidate global ID; anything else is bad input. */
export function candidateIdFromGlobal(globalId: string): string {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    if (typename === 'Candidate') return id;
  } catch {
    // fall through to the typed error
  }
  throw new BadUserInputError(`Identifiant de candidat invalide : ${globalId}.`);
}

builder.node(Candidate, {
  id: { resolve: (c) => c.id },
  loadMany: async (ids, ctx) =>
    (await ctx.loaders.candidates.loadMany(ids)).map((c) => (c instanceof Error ? null : c)),
  isTypeOf: (value) =>
    typeof value === 'object' &&
    value !== null &&
    'number' in value &&
    'originAcademyCode' in value,
  fields: (t) => ({
    number: t.exposeString('number'),
    lastName: t.exposeString('lastName'),
    firstName: t.exposeString('firstName'),
    individual: t.exposeBoolean('individual'),
    specialty: t.field({
      type: Specialty,
      resolve: async (c, _args, ctx) => {
        const reference = await ctx.loaders.reference.load(c.year);
        if (reference === null) throw new Error(`no exam session ${c.year}`);
        return specialtyShape(reference, c.specialtyCode);
      },
    }),
    originAcademy: t.field({ type: Academy, resolve: (c) => academyOf(c.originAcademyCode) }),
    school: t.field({
      type: School,
      nullable: true,
      resolve: (c, _args, ctx) =>
        c.schoolUai === null ? null : ctx.loaders.schools.load(c.schoolUai),
    }),
  }),
});

export const FirstGroupOutcomeEnum = builder.enumType('FirstGroupOutcome', {
  values: ['ADMITTED', 'CONTROL_ALLOWED', 'FAILED'] as const,
});

const CandidateFilter = builder.inputType('CandidateFilter', {
  fields: (t) => ({
    specialtyCode: t.string({ required: false }),
    originAcademyCode: t.string({ required: false }),
    schoolUai: t.string({ required: false }),
    firstGroupOutcome: t.field({ type: FirstGroupOutcomeEnum, required: false }),
    hasChosen: t.boolean({ required: false }),
  }),
});

const CandidateConnection = builder.connectionObject(
  {
    name: 'CandidateConnection',
    type: Candidate,
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many candidates match, within what the viewer may see.',
        resolve: (connection) =>
          (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
      }),
    }),
  },
  { name: 'CandidateEdge' },
);

export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 100;

function encodeCursor(number: string): string {
  return Buffer.from(`candidate:${number}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('candidate:')) throw new BadUserInputError('Curseur invalide.');
  return text.slice('candidate:'.length);
}

builder.queryFields((t) => ({
  candidate: t.field({
    type: Candidate,
    nullable: true,
    description: 'A candidate the viewer may see; null otherwise (never says whether it exists).',
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => loadCandidate(ctx, candidateIdFromGlobal(id)),
  }),
  candidates: t.field({
    type: CandidateConnection,
    description: `Candidates the viewer may see, ordered by number; \`first\` at most ${MAX_PAGE_SIZE}.`,
    authScopes: { authenticated: true },
    args: {
      year: t.arg.int({ required: true }),
      filter: t.arg({ type: CandidateFilter, required: false }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const first = args.first ?? DEFAULT_PAGE_SIZE;
      if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
        throw new BadUserInputError(`first doit être compris entre 0 et ${MAX_PAGE_SIZE}.`);
      }
      const filter = args.filter ?? {};
      const page = await listCandidates(ctx.db, {
        year: args.year,
        scope: candidateScopeOf(ctx.viewer),
        first,
        afterNumber: args.after == null ? null : decodeCursor(args.after),
        filter: {
          specialtyCode: filter.specialtyCode ?? null,
          originAcademyCode: filter.originAcademyCode ?? null,
          schoolUai: filter.schoolUai ?? null,
          hasChosen: filter.hasChosen ?? null,
          firstGroupOutcome: filter.firstGroupOutcome ?? null,
          outcomesVisibleIn: await outcomesVisibleIn(ctx, args.year, filter),
        },
      });
      for (const row of page.rows) ctx.loaders.candidates.prime(row.id, row);
      const edges = page.rows.map((node) => ({ cursor: encodeCursor(node.number), node }));
      return {
        edges,
        totalCount: page.totalCount,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
}));
