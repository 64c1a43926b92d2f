import { type Dispatcher, Pool } from 'undici';
import { API_URL } from '$app/env/private';
import { apiRequestHeaders } from '#lib/server/client-address.ts';

/**
 * One document sent to the API for the person of the current request:
 * resolves with the answer's text whatever its status, rejects when the API
 * cannot be reached or drops the answer half-way. Made per request
 * (`locals.api`, hooks.server.ts) so that it carries that person's address.
 */
export type ApiPost = (body: string, token: string | null) => Promise<string>;

const endpoint = new URL(API_URL);
const path = `${endpoint.pathname}${endpoint.search}`;
let pool: Pool | undefined;

/**
 * An answer's bytes kept as they arrive and decoded once at its end (a
 * character may straddle two chunks). undici's `request` would wrap each
 * answer in a Node stream and an async resource first, a quarter of what a
 * call costs the web (docs/performance.md, the web's share).
 */
class AnswerText implements Dispatcher.DispatchHandler {
  readonly #chunks: Buffer[] = [];
  readonly #resolve: (text: string) => void;
  readonly #reject: (error: Error) => void;

  constructor(resolve: (text: string) => void, reject: (error: Error) => void) {
    this.#resolve = resolve;
    this.#reject = reject;
  }

  onRequestStart(): void {
    // Nothing to keep: no request is aborted or upgraded here.
  }

  onResponseStart(): void {
    // The text is read whatever the status (api-client.ts reads the errors
    // in it); an interim answer (1xx) brings no data.
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.#resolve(Buffer.concat(this.#chunks).toString('utf8'));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#reject(error);
  }
}

/**
 * Every page asks the API at least once, so this is undici's lowest level
 * on kept-alive connections, not `fetch` nor `request`: fetch's WHATWG
 * request, headers and streams cost the web three to four times the CPU per
 * call. The pool opens connections as requests need them and closes those
 * the API says it will drop.
 */
export function apiPostFor(clientAddress: () => string): ApiPost {
  return (body, token) => {
    const dispatcher = (pool ??= new Pool(endpoint.origin));
    return new Promise((resolve, reject) => {
      dispatcher.dispatch(
        { path, method: 'POST', headers: apiRequestHeaders(clientAddress(), token), body },
        new AnswerText(resolve, reject),
      );
    });
  };
}
