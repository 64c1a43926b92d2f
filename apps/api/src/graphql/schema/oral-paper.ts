import type { OralSheet } from '@rattrapage/domain';
import { type OralPaperIndex, oralPaperIndex } from '../../services/oral-sheets.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';

interface SheetLink {
  readonly sheet: OralSheet;
  readonly path: string;
  readonly csvPath: string | null;
}

const OralPaperSheet = builder.objectRef<SheetLink>('OralPaperSheet').implement({
  description:
    'One sign-in sheet (a day and a room) or one mark slip (a day and an examiner), and where to download it with the same Bearer token.',
  fields: (t) => ({
    day: t.string({ description: 'The Paris day, YYYY-MM-DD.', resolve: (l) => l.sheet.day }),
    heading: t.string({
      nullable: true,
      description: 'The room (sign-in sheet) or the examiner (mark slip); null when not planned.',
      resolve: (l) => l.sheet.heading,
    }),
    orals: t.int({ resolve: (l) => l.sheet.orals.length }),
    pdfPath: t.string({ resolve: (l) => l.path }),
    csvPath: t.string({
      nullable: true,
      description:
        'Mark slips only: the slip as CSV, the control marks import’s columns first; filled in, it is imported as it is.',
      resolve: (l) => l.csvPath,
    }),
  }),
});

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

function links(index: OralPaperIndex, year: number, academy: string) {
  const base = { year: String(year), academy };
  const narrowed = (sheet: OralSheet, by: 'room' | 'examiner') => ({
    ...base,
    day: sheet.day,
    ...(sheet.heading === null ? {} : { [by]: sheet.heading }),
  });
  return {
    signInSheets: index.signInSheets.map((sheet) => ({
      sheet,
      path: `/documents/emargement.pdf?${query(narrowed(sheet, 'room'))}`,
      csvPath: null,
    })),
    markSlips: index.markSlips.map((sheet) => ({
      sheet,
      path: `/documents/bordereaux.pdf?${query(narrowed(sheet, 'examiner'))}`,
      csvPath: `/documents/bordereaux.csv?${query(narrowed(sheet, 'examiner'))}`,
    })),
    allSignInSheetsPath: `/documents/emargement.pdf?${query(base)}`,
    allMarkSlipsPath: `/documents/bordereaux.pdf?${query(base)}`,
    allMarkSlipsCsvPath: `/documents/bordereaux.csv?${query(base)}`,
  };
}

const OralPapers = builder.objectRef<ReturnType<typeof links>>('OralPapers').implement({
  description:
    'The paper of an académie’s oral days: sign-in sheets (feuilles d’émargement) and mark slips (bordereaux de notation), from the issued convocations.',
  fields: (t) => ({
    signInSheets: t.field({ type: [OralPaperSheet], resolve: (p) => p.signInSheets }),
    markSlips: t.field({ type: [OralPaperSheet], resolve: (p) => p.markSlips }),
    allSignInSheetsPath: t.exposeString('allSignInSheetsPath'),
    allMarkSlipsPath: t.exposeString('allMarkSlipsPath'),
    allMarkSlipsCsvPath: t.exposeString('allMarkSlipsCsvPath'),
  }),
});

builder.queryFields((t) => ({
  oralPapers: t.field({
    type: OralPapers,
    description:
      'ACADEMY (its own) or PILOT (any): where to download the sign-in sheets and mark slips of an académie’s orals (empty before convocations are issued). Downloading one is audited.',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    args: { year: t.arg.int({ required: true }), academyCode: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const index = await oralPaperIndex(ctx, args.year, args.academyCode);
      if (index === null) throw new ForbiddenError();
      return links(index, args.year, args.academyCode);
    },
  }),
}));
