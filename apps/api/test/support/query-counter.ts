import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

function names(node: RootOperationNode, tables: readonly string[]): boolean {
  const text = JSON.stringify(node, (_key, value: unknown) =>
    typeof value === 'bigint' ? String(value) : value,
  );
  return tables.some((table) => new RegExp(`"${table}"|\\b${table}\\b`).test(text));
}

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
    return this.nodes.filter((node) => names(node, tables));
  }

  /**
   * The same, leaving out the session lookup (the statement that reads
   * `sessions`): it reads the viewer's own candidate row with the session,
   * which is who they are, not results.
   */
  touchingAfterAuthentication(tables: readonly string[]): RootOperationNode[] {
    return this.touching(tables).filter((node) => !names(node, ['sessions']));
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
