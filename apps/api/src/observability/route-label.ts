import { pathOf } from './request-id.ts';

// Metric labels must stay few (one time series per value): a request is
// labelled by the entry point it hit, never by its raw path, which carries
// ids (documents) or anything a scanner tries.
const ROUTES = [
  '/graphql',
  '/documents',
  '/graphiql-static',
  '/healthz',
  '/readyz',
  '/metrics',
] as const;

export function routeLabel(url: string | undefined): string {
  const path = pathOf(url);
  for (const route of ROUTES) {
    if (path === route || path.startsWith(`${route}/`)) return route;
  }
  return 'other';
}
