import type { RequestHandler } from 'express';

/**
 * Handlers run one after the other as one, the first error ending the run.
 * A handler's throw or rejected promise is an error, as Express 5 makes it.
 */
export function inSequence(handlers: readonly RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let index = 0;
    const step = (error?: unknown): void => {
      const handler = handlers[index++];
      if (error !== undefined) next(error);
      else if (handler === undefined) next();
      else {
        // Express catches what its handlers throw; these run outside it, in
        // a body parser's callback: uncaught, a throw would stop the process.
        try {
          const result: unknown = handler(req, res, step);
          if (result instanceof Promise) result.catch(next);
        } catch (thrown) {
          next(thrown);
        }
      }
    };
    step();
  };
}
