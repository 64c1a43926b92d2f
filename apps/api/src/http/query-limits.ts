import type { RequestHandler } from 'express';
import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  Lexer,
  type SelectionSetNode,
  Source,
  TokenKind,
  type ValidationContext,
} from 'graphql';

/**
 * Bounds on what one request may ask for, checked before execution: the
 * document's size in tokens and its fragment spreads (checked by the lexer
 * alone, before any tree exists), then the nesting depth, the number of
 * fields (a cost proxy: every field may be a query), and the number of
 * aliases (which would otherwise multiply expensive fields such as logIn
 * within one request).
 */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export const LIMITS = {
  maxDepth: 12,
  maxFields: 2000,
  maxAliases: 30,
  /** The web's largest document has a few hundred tokens; 2 000 fields need about 4 000. */
  maxTokens: 10_000,
  /** Fragment spreads and inline fragments (`...`) in one document. */
  maxSpreads: 500,
} as const;

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

/** Why a document is refused before parsing, in French; null when its size is within bounds. */
export function documentSizeProblem(text: string): string | null {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let spreads = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (token.kind === TokenKind.SPREAD) spreads += 1;
      if (tokens > LIMITS.maxTokens)
        return `Requête trop longue : plus de ${LIMITS.maxTokens} jetons.`;
      if (spreads > LIMITS.maxSpreads)
        return `Requête trop coûteuse : plus de ${LIMITS.maxSpreads} fragments.`;
    }
  } catch {
    // A lexical error is the parser's to report, with its position.
    return null;
  }
  return null;
}

/**
 * What a selection set costs, relative to where it stands: its depth below
 * that point, its fields and aliases, and its fields at that very level that
 * are in ONE_PER_REQUEST (they count only when it stands at the root).
 */
interface Cost {
  depth: number;
  fields: number;
  aliases: number;
  topLevelOneOnly: number;
}

/**
 * Measures every operation of a document in time linear in its size: each
 * fragment's cost is computed once and reused at every spread, so a
 * fragment spread twice per level over 20 levels costs 20 walks, not 2^20
 * (the totals still count 2^20 fields, and refuse them). `steps` counts the
 * selections visited, for tests that bound the work.
 */
export class LimitsWalk {
  steps = 0;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly costs = new Map<string, Cost | 'walking'>();

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        this.fragments.set(definition.name.value, definition);
    }
  }

  measureOperation(set: SelectionSetNode): Measure {
    const cost = this.costOf(set);
    return {
      depth: cost.depth,
      fields: cost.fields,
      aliases: cost.aliases,
      oneOnly: cost.topLevelOneOnly,
    };
  }

  private costOf(set: SelectionSetNode): Cost {
    const total: Cost = { depth: 0, fields: 0, aliases: 0, topLevelOneOnly: 0 };
    for (const selection of set.selections) {
      this.steps += 1;
      if (selection.kind === Kind.FIELD) {
        total.fields += 1;
        if (selection.alias !== undefined) total.aliases += 1;
        if (ONE_PER_REQUEST.has(selection.name.value)) total.topLevelOneOnly += 1;
        const below =
          selection.selectionSet === undefined ? undefined : this.costOf(selection.selectionSet);
        total.depth = Math.max(total.depth, 1 + (below?.depth ?? 0));
        if (below !== undefined) {
          total.fields += below.fields;
          total.aliases += below.aliases;
        }
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? this.costOf(selection.selectionSet)
            : this.fragmentCost(selection.name.value);
        total.depth = Math.max(total.depth, inner.depth);
        total.fields += inner.fields;
        total.aliases += inner.aliases;
        total.topLevelOneOnly += inner.topLevelOneOnly;
      }
    }
    return total;
  }

  private fragmentCost(name: string): Cost {
    const known = this.costs.get(name);
    const fragment = this.fragments.get(name);
    // An unknown fragment or a cycle is reported by graphql's own rules; it costs nothing here.
    if (known === 'walking' || fragment === undefined)
      return { depth: 0, fields: 0, aliases: 0, topLevelOneOnly: 0 };
    if (known !== undefined) return known;
    this.costs.set(name, 'walking');
    const cost = this.costOf(fragment.selectionSet);
    this.costs.set(name, cost);
    return cost;
  }
}

/** Spreads multiply counts past any number worth printing (2^5000 is Infinity). */
function count(n: number): string {
  return n <= 1_000_000 ? String(n) : 'plus d’un million de';
}

function problemsOf(m: Measure): string[] {
  const problems: string[] = [];
  if (m.depth > LIMITS.maxDepth) problems.push(`profondeur ${m.depth} > ${LIMITS.maxDepth}`);
  if (m.fields > LIMITS.maxFields) problems.push(`${count(m.fields)} champs > ${LIMITS.maxFields}`);
  if (m.aliases > LIMITS.maxAliases)
    problems.push(`${count(m.aliases)} alias > ${LIMITS.maxAliases}`);
  if (m.oneOnly > 1) problems.push(`${m.oneOnly} champs d’authentification > 1`);
  return problems;
}

function limitsRule(context: ValidationContext): ASTVisitor {
  const walk = new LimitsWalk(context.getDocument());
  return {
    OperationDefinition(node) {
      const problems = problemsOf(walk.measureOperation(node.selectionSet));
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

/**
 * Refuses, before Apollo parses anything, a document too long or with too
 * many spreads (POST body or GET query string): the lexer alone decides,
 * in one pass, so no rule walks a tree built to be expensive. The web's
 * documents were checked once, when their manifest was read.
 */
export function refuseOversizedDocuments(checkedAlready: {
  allows(text: string): boolean;
}): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const fromBody =
      typeof body === 'object' && body !== null && 'query' in body ? body.query : undefined;
    const fromUrl: unknown = req.query['query'];
    for (const text of [fromBody, fromUrl]) {
      const problem =
        typeof text === 'string' && !checkedAlready.allows(text) ? documentSizeProblem(text) : null;
      if (problem !== null) {
        res
          .status(400)
          .json({ errors: [{ message: problem, extensions: { code: QUERY_TOO_COMPLEX } }] });
        return;
      }
    }
    next();
  };
}
