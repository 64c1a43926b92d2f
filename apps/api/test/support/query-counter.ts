import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** Counts the SQL statements Kysely sends, by kind of root node (SelectQueryNode, …). */
export class QueryCounter implements KyselyPlugin {
  readonly kinds: string[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.kinds.push(args.node.kind);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }

  get count(): number {
    return this.kinds.length;
  }

  reset(): void {
    this.kinds.length = 0;
  }
}
