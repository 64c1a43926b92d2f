import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  execute,
  getVariableValues,
  printSchema,
  visit,
  BREAK,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Executes documents the API is asked again and again (the web's pages, a
 * partner's paging program) through a plan compiled once, and everything
 * else through graphql-js.
 *
 * graphql-js walks a document's syntax tree on every request: for a page of
 * 500 candidates that is some 25 000 fields looked up, their arguments
 * coerced and their results assembled into prototype-less objects that
 * JSON.stringify then serialises slowly. graphql-jit turns a document into
 * a JavaScript function once; the resolvers, the schema's authorisation and
 * the error plugin's unions are the same, only the walking goes.
 *
 * Apollo Server has one documented way to replace its executor, the
 * `gateway` option; this is that, with the API's own schema. Parsing,
 * validation (query limits included), plugins and error formatting stay
 * Apollo's.
 */

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = Awaited<ReturnType<GatewayInterface['load']>>['executor'];

/** Production's default: a document is compiled the second time it is asked. */
export const COMPILE_DOCUMENTS_AFTER = 2;

export interface CompiledExecutionOptions {
  /**
   * A document is compiled when it is executed for this time: a query asked
   * once (a partner trying the API) never pays for a compilation, and one
   * that comes back does, once. 1 compiles on first sight (tests).
   */
  readonly compileAfter: number;
}

export interface CompiledExecution {
  readonly gateway: GatewayInterface;
  /** Plans compiled so far in this process (the metrics and the tests read it). */
  compiled(): number;
}

/** Not compilable (graphql-jit refused it): graphql-js executes it, every time. */
const NOT_COMPILABLE = 'not compilable';
type Plan = CompiledQuery | typeof NOT_COMPILABLE;

interface DocumentPlans {
  /** Executions so far, per operation name ('' for the only one). */
  readonly seen: Map<string, number>;
  readonly plans: Map<string, Plan>;
}

export function compiledExecution(
  schema: GraphQLSchema,
  options: CompiledExecutionOptions,
): CompiledExecution {
  // Keyed by the parsed document Apollo keeps in its bounded document
  // store: when it forgets a document, its plan goes with it.
  const byDocument = new WeakMap<DocumentNode, DocumentPlans>();
  let compiledCount = 0;

  const planOf = (document: DocumentNode, operationName: string | undefined): Plan | null => {
    let entry = byDocument.get(document);
    if (entry === undefined) {
      entry = { seen: new Map(), plans: new Map() };
      byDocument.set(document, entry);
    }
    const key = operationName ?? '';
    const known = entry.plans.get(key);
    if (known !== undefined) return known;
    const seen = (entry.seen.get(key) ?? 0) + 1;
    if (seen < options.compileAfter) {
      entry.seen.set(key, seen);
      return null;
    }
    entry.seen.delete(key);
    const compiled = mustInterpret(document) ? null : compileQuery(schema, document, operationName);
    const plan = compiled !== null && isCompiledQuery(compiled) ? compiled : NOT_COMPILABLE;
    if (plan !== NOT_COMPILABLE) compiledCount += 1;
    entry.plans.set(key, plan);
    return plan;
  };

  const executor: Executor = async (requestContext) => {
    const { document, request, context } = requestContext;
    const operationName = request.operationName ?? undefined;
    const byGraphqlJs = () =>
      execute({
        schema,
        document,
        contextValue: context,
        variableValues: request.variables,
        operationName,
      }) as Promise<ExecutionResult>;
    const plan = planOf(document, operationName);
    if (plan === null || plan === NOT_COMPILABLE) return byGraphqlJs();
    // Variables that do not coerce are refused in graphql-js's words, which
    // Apollo recognises as the client's fault (400 BAD_USER_INPUT) and the
    // contract documents; no resolver has run, so asking it costs nothing.
    if (!variablesCoerce(schema, requestContext.operation, request.variables)) return byGraphqlJs();
    const result = (await plan.query(undefined, context, request.variables)) as ExecutionResult;
    return result.errors === undefined
      ? result
      : { ...result, errors: result.errors.map(asGraphqlJsError) };
  };

  return {
    gateway: {
      load: () => Promise.resolve({ executor }),
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
        return () => undefined;
      },
      stop: () => Promise.resolve(),
    },
    compiled: () => compiledCount,
  };
}

/**
 * graphql-jit writes a document's literal arguments into the generated
 * function with JSON.stringify, then turns its own markers for dates and
 * non-finite numbers (strings starting `__MAGIC_`) back into code: the text
 * after a date marker becomes `new Date(…)` verbatim. A string literal that
 * carries a marker would therefore be code run by the server; such a
 * document is never compiled. (Variables' values are never written into
 * code; literals of our own scalars are checked strings or dates.)
 */
const JIT_MARKER = '__MAGIC_';

/**
 * A plan assembles its answer in plain objects, where a key `__proto__`
 * lands after the others rather than in the order asked (graphql-js uses
 * prototype-less objects): the order is the spec's, so graphql-js it is.
 */
const PROTO = '__proto__';

/** Whether graphql-js must execute this document whatever its use (see above). */
function mustInterpret(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === PROTO || node.alias?.value === PROTO) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
    StringValue(node) {
      if (node.value.includes(JIT_MARKER)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * graphql-jit's errors are its own kind of GraphQLError: no `extensions`
 * when the resolver's error had none, and graphql-js's `toJSON` and Apollo's
 * formatting, as well as our plugins, expect an object there. Each becomes
 * graphql-js's error, with the same message, place and cause.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? null,
    extensions: error.extensions,
  });
  // graphql-js computes locations from nodes it is given; these were
  // computed by the plan already, from the same document.
  Object.defineProperty(rebuilt, 'locations', {
    value: error.locations,
    enumerable: error.locations !== undefined,
  });
  return rebuilt;
}

function variablesCoerce(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  variables: Readonly<Record<string, unknown>> | undefined,
): boolean {
  const definitions = operation?.variableDefinitions ?? [];
  if (definitions.length === 0) return true;
  const coerced = getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 1 });
  return coerced.errors === undefined;
}
