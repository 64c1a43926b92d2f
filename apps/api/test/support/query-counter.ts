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
  readonly nodes: RootOperationNode[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.kinds.push(args.node.kind);
    this.nodes.push(args.node);
    return args.node;
  }

  /** The statements that name one of these tables, in a builder's tree or in raw SQL text. */
  touching(tables: readonly string[]): RootOperationNode[] {
    return this.nodes.filter((node) => {
      const text = JSON.stringify(node, (_key, value: unknown) =>
        typeof value === 'bigint' ? String(value) : value,
      );
      return tables.some((table) => new RegExp(`"${table}"|\\b${table}\\b`).test(text));
    });
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }

  get count(): number {
    return this.kinds.length;
  }

  reset(): void {
    this.kinds.length = 0;
    this.nodes.length = 0;
  }
}
