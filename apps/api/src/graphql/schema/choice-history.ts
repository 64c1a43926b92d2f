import type { ExamTest } from '@rattrapage/domain';
import type { ChoiceHistoryEntry } from '../../repositories/choice-history.repository.ts';
import { builder } from '../builder.ts';
import { RoleEnum } from './account.ts';
import { Test } from './reference.ts';
import { ChannelEnum, ControlStatus, testsNamed } from './results.ts';

interface EntryShape {
  readonly entry: ChoiceHistoryEntry;
  readonly tests: readonly ExamTest[];
}

const ChoiceHistoryEntryRef = builder.objectRef<EntryShape>('ChoiceHistoryEntry').implement({
  description: 'One entry of a candidate’s choice, as recorded when it was made.',
  fields: (t) => ({
    tests: t.field({ type: [Test], resolve: (e) => e.tests }),
    channel: t.field({ type: ChannelEnum, resolve: (e) => e.entry.channel }),
    enteredAt: t.field({ type: 'DateTime', resolve: (e) => e.entry.enteredAt }),
    authorRole: t.field({
      type: RoleEnum,
      description:
        'Who entered it: the candidate, their school, or the exam office (PILOT, after the deadline).',
      resolve: (e) => e.entry.authorRole,
    }),
    recordedLate: t.boolean({ resolve: (e) => e.entry.lateReason !== null }),
    lateReason: t.string({ nullable: true, resolve: (e) => e.entry.lateReason }),
  }),
});

builder.objectField(ControlStatus, 'choiceHistory', (t) =>
  t.field({
    type: [ChoiceHistoryEntryRef],
    description:
      'Every entry of the choice, oldest first (the last one is `choice`); seen by whoever sees the choice.',
    resolve: async (s, _args, ctx) => {
      const entries = await ctx.loaders.choiceHistories.load(s.basis.candidate.id);
      return entries.map((entry) => ({ entry, tests: testsNamed(s.basis, entry.testCodes) }));
    },
  }),
);
