import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResetRecipient } from '../../src/repositories/accounts.repository.ts';
import { sampleOf } from '../observability/observed-api.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';

const REQUEST_RESET = 'mutation($i: String!) { requestPasswordReset(identifier: $i) }';

describe('metrics: their own loopback listener, nothing that moves on an account’s secret', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', { candidates: 30, mode: 'production' });
  });
  afterAll(async () => {
    await api.close();
  });

  const scrape = async () => {
    const response = await fetch(`${api.server.metricsUrl ?? ''}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  it('serves /metrics on the loopback metrics listener only, not on the public port', async () => {
    expect(api.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.server.metricsUrl).not.toBe(api.url);
    const onPublic = await fetch(`${api.url}/metrics`);
    expect(onPublic.status).toBe(404);
    expect(await onPublic.text()).not.toMatch(/rattrapage_|process_cpu/);
    expect(await scrape()).toMatch(/rattrapage_outbox_notifications/);
    // The metrics listener serves nothing else.
    expect((await fetch(`${api.server.metricsUrl ?? ''}/graphql`)).status).toBe(404);
  });

  it('publishes the same outbox gauges whether the account asking for a reset has an e-mail or not', async () => {
    // Two candidate accounts, one given an e-mail and one without.
    const [withEmail, without] = ['individuel.demo', 'candidat.demo'];
    for (const [identifier, email] of [
      [withEmail, 'candidat.reset@example.invalid'],
      [without, null],
    ] as const) {
      const account = await api.database.db
        .selectFrom('accounts')
        .select('candidate_id')
        .where('identifier', '=', identifier)
        .executeTakeFirstOrThrow();
      await api.database.db
        .updateTable('candidates')
        .set({ email })
        .where('id', '=', account.candidate_id ?? '')
        .execute();
    }
    expect((await findResetRecipient(api.database.db, without))?.email).toBeNull();
    expect((await findResetRecipient(api.database.db, withEmail))?.email).not.toBeNull();

    const outbox = (text: string) =>
      ['pending', 'sent', 'dead'].map((state) =>
        sampleOf(text, 'rattrapage_outbox_notifications', { state }),
      );
    const before = outbox(await scrape());
    for (const identifier of [without, withEmail]) {
      const r = await api.gql<{ requestPasswordReset: boolean }>(REQUEST_RESET, { i: identifier });
      expect(r.data?.requestPasswordReset).toBe(true);
      expect(outbox(await scrape()), identifier).toEqual(before);
    }
    // The mail was queued all the same: the gauge is blind to it, not the worker.
    const queued = await api.database.db
      .selectFrom('outbox')
      .select('kind')
      .where('kind', '=', 'PASSWORD_RESET')
      .execute();
    expect(queued).toHaveLength(1);
  });
});
