import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDENTIFIERS } from '../../src/demo/demo-accounts.ts';
import { enqueueNotifications } from '../../src/repositories/outbox.repository.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import {
  DEMO_PASSWORD,
  LOG_IN,
  type ObservedApi,
  sampleOf,
  startObservedApi,
} from './observed-api.ts';

describe.each(backendsUnderTest())('observability on %s', (backend) => {
  let api: ObservedApi;

  beforeAll(async () => {
    api = await startObservedApi(backend);
  });
  afterAll(async () => {
    await api.close();
  });

  const scrape = async () => {
    const response = await fetch(`${api.server.metricsUrl ?? ''}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('exposes process, pool and outbox metrics from its own registry', async () => {
    const text = await scrape();
    expect(sampleOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    if (backend === 'pglite') {
      expect(sampleOf(text, 'rattrapage_db_pool_connections', { state: 'total' })).toBe(1);
    } else {
      for (const state of ['total', 'idle', 'waiting'])
        expect(sampleOf(text, 'rattrapage_db_pool_connections', { state })).toBeGreaterThanOrEqual(
          0,
        );
      expect(sampleOf(text, 'rattrapage_db_pool_connections', { state: 'total' })).toBeGreaterThan(
        0,
      );
    }
    for (const state of ['pending', 'sent', 'dead'])
      expect(sampleOf(text, 'rattrapage_outbox_notifications', { state })).toBeGreaterThanOrEqual(
        0,
      );
  });

  it('reads the outbox counts at scrape time', async () => {
    const before = sampleOf(await scrape(), 'rattrapage_outbox_notifications', {
      state: 'pending',
    });
    const at = new Date('2024-06-29T12:00:00.000Z');
    await enqueueNotifications(api.database.db, [
      {
        kind: 'CHOICE_RECEIPT',
        dedupeKey: `metrics-test-${backend}`,
        candidateId: null,
        recipient: 'metrics@example.invalid',
        message: { subject: 'Test', text: 'Test' },
        at,
      },
    ]);
    const after = sampleOf(await scrape(), 'rattrapage_outbox_notifications', { state: 'pending' });
    expect(after).toBe((before ?? Number.NaN) + 1);
  });

  it('counts log-ins by outcome and GraphQL requests by route, method and status', async () => {
    const before = await scrape();
    const success = await post({
      query: LOG_IN,
      variables: { i: DEMO_IDENTIFIERS.pilot, p: DEMO_PASSWORD },
    });
    expect(
      ((await success.json()) as { data: { logIn: { __typename: string } } }).data.logIn.__typename,
    ).toBe('Session');
    const invalid = await post({
      query: LOG_IN,
      variables: { i: DEMO_IDENTIFIERS.school, p: 'wrong-password' },
    });
    expect(invalid.status).toBe(200);
    await (await post({ query: '{ __typename }' })).text();

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      (sampleOf(after, name, labels) ?? 0) - (sampleOf(before, name, labels) ?? 0);
    expect(delta('rattrapage_log_ins_total', { outcome: 'success' })).toBe(1);
    expect(delta('rattrapage_log_ins_total', { outcome: 'invalid' })).toBe(1);
    expect(delta('rattrapage_log_ins_total', { outcome: 'locked' })).toBe(0);
    const graphql = { route: '/graphql', method: 'POST', status: '200' };
    expect(delta('http_requests_total', graphql)).toBe(3);
    expect(delta('http_request_duration_seconds_count', graphql)).toBe(3);
    // Scrapes reach the metrics listener, not the public one: they are not public traffic.
    expect(delta('http_requests_total', { route: '/metrics', method: 'GET', status: '200' })).toBe(
      0,
    );
  });

  it('labels unknown paths as one route, whatever they are', async () => {
    const before = await scrape();
    await (await fetch(`${api.server.url}/wp-admin/${backend}-probe.php`)).text();
    await (await fetch(`${api.server.url}/another/${backend}`)).text();
    const after = await scrape();
    const labels = { route: 'other', method: 'GET', status: '404' };
    expect(
      (sampleOf(after, 'http_requests_total', labels) ?? 0) -
        (sampleOf(before, 'http_requests_total', labels) ?? 0),
    ).toBe(2);
    expect(after).not.toContain('probe.php');
  });

  it('logs each request once with its echoed request id, and no credentials', async () => {
    const secretToken = `rs_secret-token-${backend}-0123456789`;
    const password = `p4ss-w0rd-${backend}-never-logged`;
    const requestId = `req-${backend}-42`;
    const response = await post(
      { query: LOG_IN, variables: { i: DEMO_IDENTIFIERS.academy, p: password } },
      {
        authorization: `Bearer ${secretToken}`,
        cookie: `session=${secretToken}`,
        'x-request-id': requestId,
      },
    );
    await response.text();
    expect(response.headers.get('x-request-id')).toBe(requestId);

    const lines = api.logs.filter((l) => l['requestId'] === requestId);
    const finished = lines.filter((l) => l['msg'] === 'request finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({
      level: 30,
      req: { method: 'POST', path: '/graphql' },
      res: { status: 200 },
    });
    expect(typeof finished[0]?.['durationMs']).toBe('number');
    const raw = api.rawLogs();
    expect(raw).not.toContain(secretToken);
    expect(raw).not.toContain(password);
    expect(raw).not.toContain('wrong-password');
    expect(raw.toLowerCase()).not.toContain('authorization');
  });

  it('replaces an unsafe request id and leaves query string values out of the logs', async () => {
    const response = await fetch(`${api.server.url}/healthz?secret=query-value-${backend}`, {
      headers: { 'x-request-id': 'forged"id with spaces {}' },
    });
    await response.text();
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const line = api.logs.find((l) => l['requestId'] === id);
    expect(line).toMatchObject({ req: { method: 'GET', path: '/healthz' }, res: { status: 200 } });
    expect(api.rawLogs()).not.toContain(`query-value-${backend}`);
    expect(api.rawLogs()).not.toContain('forged');
  });

  it('logs a GraphQL error with its code and the request id', async () => {
    const requestId = `gql-error-${backend}`;
    const response = await post({ query: '{ noSuchField }' }, { 'x-request-id': requestId });
    expect(response.status).toBe(400);
    await response.text();
    const line = api.logs.find((l) => l['requestId'] === requestId && l['msg'] === 'graphql error');
    expect(line).toMatchObject({ graphqlError: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});

describe('observability in production mode', () => {
  let api: ObservedApi;
  beforeAll(async () => {
    api = await startObservedApi('pglite', { mode: 'production' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('logs a GraphQL error by its code, without a stack', async () => {
    const requestId = 'gql-error-production';
    const response = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query: '{ noSuchField }' }),
    });
    await response.text();
    const line = api.logs.find((l) => l['requestId'] === requestId && l['msg'] === 'graphql error');
    expect(line).toMatchObject({ graphqlError: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(line).not.toHaveProperty('stack');
  });
});
