import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';

/**
 * GraphiQL for people exploring the API, served entirely from the `ruru`
 * npm package: no CDN, so it works offline and under a strict CSP.
 */
export function graphiqlPage(endpoint: string, staticPath: string): string {
  return ruruHTML({ endpoint, staticPath });
}

export function graphiqlStatic(): ReturnType<typeof serveStatic> {
  // The middleware is mounted under its prefix, which Express strips from the URL.
  return serveStatic('/');
}
