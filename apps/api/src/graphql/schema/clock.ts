import { isDemoClock } from '../../clock.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';

const Clock = builder.objectRef<{ readonly now: Date; readonly demo: boolean }>('Clock').implement({
  description:
    'The server clock. In demo mode it is simulated and can be set, so the calendar can be lived through.',
  fields: (t) => ({
    now: t.expose('now', { type: 'DateTime' }),
    demo: t.exposeBoolean('demo'),
  }),
});

builder.queryFields((t) => ({
  clock: t.field({
    type: Clock,
    resolve: (_root, _args, ctx) => ({ now: ctx.now, demo: ctx.clock.demo }),
  }),
}));

builder.mutationFields((t) => ({
  setDemoClock: t.field({
    type: Clock,
    description: 'Demo mode only: moves the simulated clock to `at`; it runs forward from there.',
    args: { at: t.arg({ type: 'DateTime', required: true }) },
    resolve: (_root, { at }, ctx) => {
      // Never in production: the clock decides embargoes and windows.
      if (ctx.config.mode !== 'demo' || !isDemoClock(ctx.clock)) {
        throw new ForbiddenError('L’horloge ne peut être réglée qu’en mode démonstration.');
      }
      ctx.clock.set(at);
      return { now: ctx.clock.now(), demo: true };
    },
  }),
}));
