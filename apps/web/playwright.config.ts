import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { API_PORT, WEB_ORIGIN, WEB_PORT, WEB_SECRET } from './e2e/servers.ts';

// End-to-end tests drive Debian's Chromium (never a downloaded browser)
// against the built web client and the API on a fresh embedded database.
const dataDir = mkdtempSync(join(tmpdir(), 'rattrapage-e2e-'));

export { API_URL } from './e2e/servers.ts';

export default defineConfig({
  testDir: 'e2e',
  // One server with one demo clock: tests run one after the other.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: WEB_ORIGIN,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  // Every flow at a phone's width and at a desktop's: the DSFR header and
  // the tables change below its md (768 px) and lg (992 px) breakpoints.
  projects: [
    {
      name: 'telephone',
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
      // Each width runs on its own (scripts/e2e.ts): its own results folder.
      outputDir: 'test-results/telephone',
    },
    {
      name: 'bureau',
      use: { viewport: { width: 1280, height: 800 } },
      outputDir: 'test-results/bureau',
    },
  ],
  webServer: {
    command: 'node ../../tooling/demo/start.ts',
    url: `http://127.0.0.1:${WEB_PORT}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      // Always a fresh embedded database: never the DATABASE_URL that the
      // API's integration tests use (CI sets it to the machine's server).
      DATABASE_URL: '',
      RATTRAPAGE_DATA_DIR: dataDir,
      RATTRAPAGE_DEMO_CANDIDATES: '300',
      // sessions.spec.ts reads the previous session: whatever the caller's environment says.
      RATTRAPAGE_DEMO_PREVIOUS_SESSION: 'on',
      API_PORT,
      WEB_PORT,
      ORIGIN: WEB_ORIGIN,
      RATTRAPAGE_WEB_SECRET: WEB_SECRET,
    },
  },
});
