/** Where the e2e servers listen and what they share; read by playwright.config.ts and the specs. */
export const API_PORT = process.env.E2E_API_PORT ?? '4810';
export const WEB_PORT = process.env.E2E_WEB_PORT ?? '3810';
export const API_URL = `http://127.0.0.1:${API_PORT}/graphql`;
export const WEB_ORIGIN = `http://localhost:${WEB_PORT}`;
/** Shared by the web and the API (RATTRAPAGE_WEB_SECRET, tooling/demo/start.ts). */
export const WEB_SECRET = 'secret-partage-des-tests-de-bout-en-bout-0123';
