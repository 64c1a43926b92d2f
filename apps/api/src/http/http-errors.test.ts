import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { httpLogging } from '../observability/http-logging.ts';
import { jsonErrors, notFound } from './http-errors.ts';

describe('errors thrown by a route', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use(httpLogging(createLogger({ level: 'silent' })));
    app.get('/throws', () => {
      throw new Error('SELECT secret FROM /work/app/src/file.ts:12');
    });
    app.get('/rejects', () => Promise.reject(new TypeError('boom at /srv/x.js:1')));
    app.get('/refuses', () => {
      throw Object.assign(new URIError('Failed to decode param'), { status: 400 });
    });
    app.use(notFound(), jsonErrors());
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => {
        resolve(s);
      });
    });
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });
  afterAll(() => {
    server.close();
  });

  it.each([
    ['/throws', 500, 'INTERNAL_SERVER_ERROR', 'Erreur interne du serveur.'],
    ['/rejects', 500, 'INTERNAL_SERVER_ERROR', 'Erreur interne du serveur.'],
    ['/refuses', 400, 'BAD_REQUEST', 'Requête HTTP invalide.'],
  ])(
    '%s answers %i %s in French, and nothing of the error itself',
    async (path, status, code, message) => {
      const response = await fetch(`${url}${path}`);
      const text = await response.text();
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(text)).toEqual({ errors: [{ message, extensions: { code } }] });
      expect(text).not.toMatch(/SELECT|\/work\/|\/srv\/|boom|decode|at /);
    },
  );
});
