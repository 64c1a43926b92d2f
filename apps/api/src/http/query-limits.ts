import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * Bounds on what one request may ask for, checked before execution: the
 * nesting depth, the number of fields (a cost proxy: every field may be a
 * query), and the number of aliases (which would otherwise multiply
 * expensive fields such as logIn within one request).
 */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export const LIMITS = { maxDepth: 12, maxFields: 2000, maxAliases: 30 } as const;

interface Measure {
  depth: number;
  fields: number;
  aliases: number;
  /** Root fields that guess a secret or send an e-mail: at most one per request. */
  oneOnly: number;
}

/**
 * Fields that check a secret or send mail: aliases would multiply attempts
 * within one request (before the throttle counts them), so a request holds
 * at most one of them, and is refused whole before any runs.
 */
export const ONE_PER_REQUEST: ReadonlySet<string> = new Set([
  'logIn',
  'resetPassword',
  'requestPasswordReset',
  'changePassword',
]);

function measure(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  depth: number,
  seen: ReadonlySet<string>,
  into: Measure,
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      into.fields += 1;
      if (selection.alias !== undefined) into.aliases += 1;
      if (depth === 0 && ONE_PER_REQUEST.has(selection.name.value)) into.oneOnly += 1;
      into.depth = Math.max(into.depth, depth + 1);
      if (selection.selectionSet !== undefined)
        measure(selection.selectionSet, fragments, depth + 1, seen, into);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      measure(selection.selectionSet, fragments, depth, seen, into);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A fragment cycle is reported by graphql's own rules; do not loop on it.
      if (fragment !== undefined && !seen.has(name)) {
        measure(fragment.selectionSet, fragments, depth, new Set([...seen, name]), into);
      }
    }
  }
}

function limitsRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return {
    OperationDefinition(node) {
      const m: Measure = { depth: 0, fields: 0, aliases: 0, oneOnly: 0 };
      measure(node.selectionSet, fragments, 0, new Set(), m);
      const problems: string[] = [];
      if (m.depth > LIMITS.maxDepth) problems.push(`profondeur ${m.depth} > ${LIMITS.maxDepth}`);
      if (m.fields > LIMITS.maxFields) problems.push(`${m.fields} champs > ${LIMITS.maxFields}`);
      if (m.aliases > LIMITS.maxAliases) problems.push(`${m.aliases} alias > ${LIMITS.maxAliases}`);
      if (m.oneOnly > 1) problems.push(`${m.oneOnly} champs d'authentification > 1`);
      if (problems.length > 0) {
        context.reportError(
          new GraphQLError(`Requête trop coûteuse : ${problems.join(', ')}.`, {
            nodes: [node],
            extensions: { code: QUERY_TOO_COMPLEX },
          }),
        );
      }
    },
  };
}

export const queryLimits = [limitsRule];
