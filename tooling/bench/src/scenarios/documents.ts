import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadRequest } from '../load/load-plan.ts';
import { REPO_ROOT } from '../processes/api-env.ts';

/**
 * The GraphQL documents each scenario sends, the API's and PostGraphile's
 * side by side: the same question in each schema's words (see
 * peer-functions.ts and docs/performance.md for what is equivalent).
 */

/** A candidate reads their own results: marks, the two averages, the outcome. */
export const CANDIDATE_RESULTS = {
  api: `query CandidateResults {
  viewer { candidate { number firstGroup {
    outcome
    overallAverage { hundredths }
    professionalAverage { hundredths }
    marks { test { code } status mark { hundredths } }
  } } }
}`,
  // "outcome" is only in an answer that carries the results.
  apiOk: '"outcome"',
  postgraphile: `query CandidateResults {
  currentCandidate {
    number firstGroupOutcome overallAverage professionalAverage
    firstGroupMarksByCandidateId { nodes { code status hundredths } }
  }
}`,
  postgraphileOk: '"hundredths"',
} as const;

/** One page of an académie's candidates with their marks, averages and outcome. */
export function academyPage(pageSize: number, year: number) {
  return {
    api: `query AcademyPage($after: String) {
  candidates(year: ${year}, first: ${pageSize}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { number lastName firstName firstGroup {
      outcome
      overallAverage { hundredths }
      marks { test { code } status mark { hundredths } }
    } } }
  }
}`,
    apiOk: '"endCursor"',
    postgraphile: `query AcademyPage($after: Cursor) {
  currentAcademy {
    candidatesByOriginAcademyCode(first: ${pageSize}, after: $after, orderBy: NUMBER_ASC, condition: { year: ${year} }) {
      pageInfo { hasNextPage endCursor }
      nodes { number lastName firstName firstGroupOutcome overallAverage
        firstGroupMarksByCandidateId { nodes { code status hundredths } } }
    }
  }
}`,
    postgraphileOk: '"endCursor"',
  } as const;
}

export const LOG_IN = {
  api: `mutation LogIn($identifier: String!, $password: String!) {
  logIn(identifier: $identifier, password: $password) { __typename ... on Session { token } }
}`,
  apiOk: '"token"',
} as const;

/** A POST body and its headers, as the load process sends them. */
export function graphqlRequest(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): LoadRequest {
  return {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  };
}

/** Sends one GraphQL request and returns the parsed answer (setting-up and checking, not measuring). */
export async function postGraphql(
  url: string,
  request: LoadRequest,
): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as { data?: unknown; errors?: unknown };
}

/** The web's documents, as the API knows them (apps/web/scripts/trusted-documents.ts writes the file). */
const WEB_MANIFEST = join(REPO_ROOT, 'apps', 'api', 'trusted-documents', 'web.json');
let webManifest: Readonly<Record<string, string>> | undefined;

/**
 * The id of the web's own document for one operation: the bench sends the
 * very request the web sends (`{ documentId, variables }`), so that what it
 * measures is what a person's page asks, not a query of its own.
 */
export function webDocumentId(operation: string): string {
  webManifest ??= JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as Record<string, string>;
  const named = new RegExp(`^(query|mutation) ${operation}\\b`);
  const found = Object.entries(webManifest).find(([, text]) => named.test(text));
  if (found === undefined)
    throw new Error(`No web document named ${operation} in ${WEB_MANIFEST}.`);
  return found[0];
}

/** A request as the web server sends it to the API: its document's id, the variables, the session. */
export function webRequest(
  operation: string,
  variables: Record<string, unknown>,
  token: string,
): LoadRequest {
  return {
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ documentId: webDocumentId(operation), variables }),
  };
}
