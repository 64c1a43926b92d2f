import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_IDENTIFIERS } from '../../src/demo/demo-accounts.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { DEMO_PASSWORD, LOG_IN, type ObservedApi, startObservedApi } from './observed-api.ts';

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ECONNREFUSED');
    });
  });
}

/** Polls until `check` holds; fails the test if it never does. */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`never happened: ${what}`);
}

describe.each(backendsUnderTest())('graceful shutdown on %s', (backend) => {
  let api: ObservedApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('goes unready first, refuses new connections, lets the request in flight finish, then closes the pool', async () => {
    // The grace is what a load balancer needs to see /readyz fail; here it
    // only has to outlast one local request.
    api = await startObservedApi(backend, {
      shutdown: { readinessGraceMs: 1500, drainTimeoutMs: 60_000 },
    });
    const { server, database } = api;
    expect(server.draining).toBe(false);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    // A log-in that waits on a lock the test holds: the request in flight.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let lockHeld = () => {};
    const held = new Promise<void>((resolve) => {
      lockHeld = resolve;
    });
    const holder = database.db.transaction().execute(async (trx) => {
      await sql`lock table accounts in access exclusive mode`.execute(trx);
      lockHeld();
      await released;
    });
    await held;
    let settled = false;
    const slow = fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: LOG_IN,
        variables: { i: DEMO_IDENTIFIERS.pilot, p: DEMO_PASSWORD },
      }),
    }).finally(() => {
      settled = true;
    });
    await eventually(() => server.inFlight === 1, 'the log-in is in flight');

    const closing = server.close();
    expect(server.draining).toBe(true);
    const readiness = await fetch(`${server.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'shutting down' });

    await eventually(() => refused(server.port), 'new connections are refused');
    expect(settled).toBe(false);

    release();
    await holder;
    const response = await slow;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { logIn: { __typename: string } } };
    expect(body.data.logIn.__typename).toBe('Session');

    await closing;
    expect(await refused(server.port)).toBe(true);
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow();
  });

  it('cuts a request that outlasts the drain timeout, and still closes', async () => {
    api = await startObservedApi(backend, { shutdown: { drainTimeoutMs: 200 } });
    const { server, database } = api;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let lockHeld = () => {};
    const held = new Promise<void>((resolve) => {
      lockHeld = resolve;
    });
    const holder = database.db.transaction().execute(async (trx) => {
      await sql`lock table accounts in access exclusive mode`.execute(trx);
      lockHeld();
      await released;
    });
    await held;
    const slow = fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: LOG_IN,
        variables: { i: DEMO_IDENTIFIERS.pilot, p: DEMO_PASSWORD },
      }),
    });
    await eventually(() => server.inFlight === 1, 'the log-in is in flight');
    const closing = server.close();
    await expect(slow).rejects.toThrow();
    release();
    await holder.catch(() => undefined);
    await closing;
    expect(await refused(server.port)).toBe(true);
  });
});
