import {
  type Compilable,
  type CompiledQuery,
  type Kysely,
  type OperationNodeSource,
  type RawBuilder,
  type RootOperationNode,
  createQueryId,
} from 'kysely';
import type { Database } from './schema.ts';

/**
 * A query built and compiled once per database, then run with new values.
 * On the hottest path (every request's session lookup) building a Kysely
 * query cost more of the API's CPU than the index lookup it asks for. The
 * query is built with a marker in place of each argument; the markers'
 * positions among the compiled parameters say where each argument goes, so
 * a query whose text repeats an argument, or carries constants of its own,
 * runs exactly as the builder would have run it; a raw `sql` statement
 * too. Plugins still see every execution (transformQuery); one that
 * changes the query has it compiled anew, as Kysely would.
 */
export function precompiled<A extends readonly unknown[], O>(
  build: (
    db: Kysely<Database>,
    ...args: A
  ) => (Compilable<O> & OperationNodeSource) | RawBuilder<O>,
  arity: A['length'],
): (db: Kysely<Database>, ...args: A) => Promise<O[]> {
  const markers = Array.from({ length: arity }, (_, i) => ({ precompiledArgument: i }));
  const withArguments = (compiled: CompiledQuery<O>, args: A): CompiledQuery<O> => ({
    ...compiled,
    parameters: compiled.parameters.map((p) => {
      const i = markers.indexOf(p as (typeof markers)[number]);
      return i >= 0 ? args[i] : p;
    }),
  });
  const templates = new WeakMap<
    Kysely<Database>,
    { readonly node: RootOperationNode; readonly compiled: CompiledQuery<O> }
  >();
  const templateFor = (db: Kysely<Database>) => {
    const known = templates.get(db);
    if (known !== undefined) return known;
    // Built without plugins: they transform each execution, below.
    const node = build(
      db.withoutPlugins(),
      ...(markers as unknown as A),
    ).toOperationNode() as RootOperationNode;
    const compiled = db.getExecutor().compileQuery<O>(node, createQueryId());
    for (const marker of markers)
      if (!compiled.parameters.includes(marker))
        throw new Error(`precompiled: argument ${String(marker.precompiledArgument)} is unused`);
    const template = { node, compiled };
    templates.set(db, template);
    return template;
  };
  return async (db, ...args) => {
    const template = templateFor(db);
    const executor = db.getExecutor();
    const queryId = createQueryId();
    const node = executor.transformQuery(template.node, queryId);
    const compiled =
      node === template.node ? template.compiled : executor.compileQuery<O>(node, queryId);
    return (await db.executeQuery<O>({ ...withArguments(compiled, args), queryId })).rows;
  };
}
