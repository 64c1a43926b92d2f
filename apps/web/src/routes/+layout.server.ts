import { loadFrame } from '#lib/server/layout-data.ts';
import type { LayoutServerLoad } from './$types';

export const load = ((event) => loadFrame(event)) satisfies LayoutServerLoad;
