import type { Request, RequestHandler, Response } from 'express';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { inSequence } from './in-sequence.ts';

// Plain Node objects: inSequence reads nothing of them, it hands them on.
const req = new IncomingMessage(new Socket()) as Request;
const res = new ServerResponse(req) as Response;

/** Runs the handlers in sequence and resolves with what reached `next`, once it did. */
function run(handlers: RequestHandler[]): Promise<unknown[]> {
  return new Promise((resolve) => {
    inSequence(handlers)(req, res, (...args: unknown[]) => {
      resolve(args);
    });
  });
}

describe('inSequence: handlers run as one, errors end the run as Express ends it', () => {
  it('runs each handler in order, then the next one outside', async () => {
    const seen: string[] = [];
    const step =
      (name: string): RequestHandler =>
      (_req, _res, next) => {
        seen.push(name);
        next();
      };
    expect(await run([step('a'), step('b'), step('c')])).toEqual([]);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('passes an error on and runs nothing after it', async () => {
    const after = vi.fn();
    const error = new Error('refused');
    expect(
      await run([
        (_q, _s, next) => {
          next(error);
        },
        after,
      ]),
    ).toEqual([error]);
    expect(after).not.toHaveBeenCalled();
  });

  it('turns a throw, even in a callback after the first handler, into an error passed on', async () => {
    const error = new RangeError('Maximum call stack size exceeded');
    const later: RequestHandler = (_q, _s, next) => {
      setImmediate(next);
    };
    const throws: RequestHandler = () => {
      throw error;
    };
    expect(await run([later, throws])).toEqual([error]);
  });

  it('turns a rejected promise into an error passed on', async () => {
    const error = new Error('database gone');
    expect(await run([() => Promise.reject(error)])).toEqual([error]);
  });

  it('lets an answering handler end the run', async () => {
    const next = vi.fn();
    const after = vi.fn();
    inSequence([() => undefined, after])(req, res, next);
    await new Promise((resolve) => setImmediate(resolve));
    expect(after).not.toHaveBeenCalled();
    expect(next).not.toHaveBeenCalled();
  });
});
