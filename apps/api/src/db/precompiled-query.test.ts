import fc from 'fast-check';
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  sql,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../../test/support/test-database.ts';
import { precompiled } from './precompiled-query.ts';

/** Academies whose code is above a bound, or equal to it, with a constant of the query's own. */
const around = precompiled(
  (db, code: string) =>
    db
      .selectFrom('academies')
      .select(['code', 'name'])
      .where((eb) => eb.or([eb('code', '>', code), eb('code', '=', code)]))
      .where('name', '<>', 'Nulle part')
      .orderBy('code'),
  1,
);

class Recorder implements KyselyPlugin {
  readonly seen: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.seen.push(args.node.kind);
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

describe.each(backendsUnderTest())('a precompiled query, on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    await t.db
      .insertInto('academies')
      .values([
        { code: '01', name: 'Aix-Marseille' },
        { code: '12', name: 'Nancy-Metz' },
        { code: '19', name: 'Reims' },
        { code: '99', name: 'Nulle part' },
      ])
      .execute();
  });
  afterAll(() => t.close());

  it('answers what the builder answers, whatever the argument (an argument used twice)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('00', '01', '12', '15', '19', '99', 'zz'), async (code) => {
        const built = await t.db
          .selectFrom('academies')
          .select(['code', 'name'])
          .where((eb) => eb.or([eb('code', '>', code), eb('code', '=', code)]))
          .where('name', '<>', 'Nulle part')
          .orderBy('code')
          .execute();
        expect(await around(t.db, code)).toEqual(built);
      }),
      { numRuns: 20 },
    );
  });

  it('runs a raw statement as Kysely runs it, an argument used twice with a constant beside it', async () => {
    const rawAround = precompiled(
      (_db, code: string) =>
        sql<{ code: string; name: string }>`select code, name from academies
          where (code > ${code} or code = ${code}) and name <> ${'Nulle part'} order by code`,
      1,
    );
    for (const code of ['00', '01', '12', '15', '19', '99', 'zz']) {
      const { rows } = await sql<{ code: string; name: string }>`select code, name from academies
          where (code > ${code} or code = ${code}) and name <> ${'Nulle part'} order by code`.execute(
        t.db,
      );
      expect(await rawAround(t.db, code)).toEqual(rows);
    }
    expect((await rawAround(t.db, '12')).map((r) => r.code)).toEqual(['12', '19']);
  });

  it('lets plugins see every execution, and obeys one that changes the query', async () => {
    const recorder = new Recorder();
    const db = t.db.withPlugin(recorder);
    await around(db, '12');
    await around(db, '12');
    expect(recorder.seen).toEqual(['SelectQueryNode', 'SelectQueryNode']);
    // A plugin that limits every select to one row: its change is compiled in.
    const limited = t.db.withPlugin({
      transformQuery: (args) =>
        args.node.kind === 'SelectQueryNode'
          ? { ...args.node, limit: { kind: 'LimitNode', limit: sql.lit(1).toOperationNode() } }
          : args.node,
      transformResult: (args) => Promise.resolve(args.result),
    });
    expect(await around(limited, '01')).toEqual([{ code: '01', name: 'Aix-Marseille' }]);
  });

  it('refuses a query that does not use its argument', () => {
    const unused = precompiled((db, _code: string) => db.selectFrom('academies').select('code'), 1);
    return expect(unused(t.db, '12')).rejects.toThrow(/argument 0 is unused/);
  });
});
