import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { Request, Response } from 'express';

/**
 * The part of a request target Apollo reads GraphQL-over-GET from: from the
 * first `?` up to a fragment, '' when there is none (what `url.parse`
 * gives, without building a whole URL object for every request).
 */
export function searchOf(target: string): string {
  const hash = target.indexOf('#');
  const path = hash === -1 ? target : target.slice(0, hash);
  const question = path.indexOf('?');
  return question === -1 ? '' : path.slice(question);
}

/** A text response's type names its charset, as Express's `res.send` would have it. */
function withCharset(type: string): string {
  return /;\s*charset=/i.test(type) ? type : `${type}; charset=utf-8`;
}

/**
 * Apollo Server behind our Express middleware. It does what
 * `@as-integrations/express5` does, less two costs every read paid for
 * nothing (measured in a profile of candidate reads, docs/performance.md):
 * a legacy `url.parse` of the target, and Express's `res.send`, which
 * hashes every answer into an ETag that no GraphQL client sends back (an
 * answer is personal and asked again, never revalidated).
 */
export function apolloHandler<Context extends BaseContext>(
  server: ApolloServer<Context>,
  context: (input: { req: Request; res: Response }) => Promise<Context>,
) {
  server.assertStarted('apolloHandler()');
  return async (req: Request, res: Response): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: searchOf(req.url),
        body: req.body,
      },
      context: () => context({ req, res }),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      const text = answer.body.string;
      const type = res.getHeader('content-type');
      res.setHeader(
        'content-type',
        typeof type === 'string' ? withCharset(type) : 'application/json; charset=utf-8',
      );
      res.setHeader('content-length', Buffer.byteLength(text));
      res.end(text);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
