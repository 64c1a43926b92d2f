// Node's compile cache for the API's processes (start.js, and the CLI's
// commands): see docs/operations.md. A folder of the application's own by
// default, not Node's default in the system's shared temporary folder,
// where another account of the machine could leave compiled code for the
// API to run. NODE_COMPILE_CACHE names another; a folder that cannot be
// written leaves the cache off, never fails a start.
import { enableCompileCache } from 'node:module';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

export const COMPILE_CACHE_DIR =
  process.env['NODE_COMPILE_CACHE'] ??
  fileURLToPath(new URL('./node_modules/.cache/compile', import.meta.url));

/** Turns the cache on for this process; its folder, or undefined when it could not be. */
export function enableApiCompileCache() {
  return enableCompileCache(COMPILE_CACHE_DIR).directory;
}
