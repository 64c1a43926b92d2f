import { apiRequest } from '#lib/server/api-client.ts';
import { LayoutQuery } from '#lib/documents/public.ts';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ fetch, locals }) => {
  const data = await apiRequest(fetch, LayoutQuery, {}, locals.token);
  return { viewer: data.viewer, clock: data.clock };
}) satisfies LayoutServerLoad;
