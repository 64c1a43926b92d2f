import type { HandleClientError } from '@sveltejs/kit/hooks';
import { errorBody } from '#lib/french-errors.ts';

/** A navigation error in the browser (say, a link to a missing page), in French. */
export const handleClientError: HandleClientError = ({ kind, error }) =>
  errorBody(kind, kind === 'unknown' ? undefined : error.status);
