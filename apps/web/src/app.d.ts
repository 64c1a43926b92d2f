// See https://svelte.dev/docs/kit/types#app.d.ts
import type { ApiPost } from '#lib/server/api-transport.ts';
import type { SessionViewer } from '#lib/server/session.ts';
import type { SharedAnswers } from '#lib/server/shared-query.ts';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Stable, for programs (see #lib/french-errors.ts); the message is for people. */
      code?: string;
    }
    interface Locals {
      /** The API session token from the HttpOnly cookie; never sent to the browser. */
      token: string | null;
      /** The API's answers this request has already asked for (#lib/server/shared-query.ts). */
      answers: SharedAnswers;
      /** Sends a document to the API for the person of this request (#lib/server/api-transport.ts). */
      api: ApiPost;
    }
  }
}

export type { SessionViewer };
