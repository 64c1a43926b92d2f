import type { GraphQLResponse } from './api-harness.ts';

export const IMPORT_FILE = `mutation($kind: ImportKind!, $year: Int!, $csv: String!) {
  importFile(kind: $kind, year: $year, csv: $csv) {
    __typename
    ... on ImportReport { kind rows inserted updated unchanged fileSha256 }
    ... on Error { code message }
  } }`;

/**
 * The pilot's upload path: a GraphQL multipart request (operations, map,
 * the file) whose file becomes the `csv` variable (or the one named).
 */
export async function uploadFile(
  url: string,
  file: Uint8Array | string,
  options: {
    readonly token?: string | null;
    readonly variables?: Record<string, unknown>;
    readonly query?: string;
    /** The variable the file is mapped to: `csv` unless said. */
    readonly variable?: string;
    readonly type?: string;
  } = {},
): Promise<GraphQLResponse & { readonly text: string }> {
  const form = new FormData();
  const variable = options.variable ?? 'csv';
  const defaults = variable === 'csv' ? { kind: 'SCHOOLS', year: 2024 } : {};
  form.set(
    'operations',
    JSON.stringify({
      query: options.query ?? IMPORT_FILE,
      variables: { ...defaults, ...options.variables, [variable]: null },
    }),
  );
  form.set('map', JSON.stringify({ 0: [`variables.${variable}`] }));
  form.set('0', new Blob([file], { type: options.type ?? 'text/csv' }), 'fichier');
  const token = options.token ?? null;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  const body = JSON.parse(text) as Omit<GraphQLResponse, 'status'>;
  return { status: response.status, text, ...body };
}
