import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { testDefaults } from '@rattrapage/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter(),
      // The public origin, fixed at build time (SvelteKit 3): it is the
      // trusted origin of form submissions. tooling/demo/start.ts sets it.
      paths: { origin: process.env.ORIGIN ?? 'http://localhost:3000' },
      // SvelteKit's own origin check refuses in English: hooks.server.ts does
      // the same check (stricter: every unsafe method) and answers in French.
      csrf: { trustedOrigins: ['*'] },
      // A strict policy: no inline script but SvelteKit's own, by a nonce
      // drawn for each response (a hash would be computed of every page's
      // inline data: 8 % of the server's CPU per candidate page); by hash on
      // a prerendered page, where no response is drawn.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:'],
          'font-src': ['self', 'data:'],
          'connect-src': ['self'],
          'frame-ancestors': ['none'],
          'form-action': ['self'],
          'base-uri': ['self'],
          'object-src': ['none'],
        },
      },
    }),
  ],
  test: {
    ...testDefaults,
    include: ['src/**/*.test.ts'],
  },
});
