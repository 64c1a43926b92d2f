import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import {
  A_PUBLISHED,
  type Fixture,
  SECOND_GROUP,
  addAccount,
  globalId,
  ms,
  prepareControl,
} from './fixtures.ts';
import { parsePdf } from './pdf-text.ts';

/** Paris wall time « 9 h 05 » computed independently of the code under test. */
function parisTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const minute = parts.find((p) => p.type === 'minute')?.value;
  return `${hour} h ${minute}`;
}

describe.each(backendsUnderTest())('documents (PDF) over HTTP, on %s', (backend) => {
  let api: TestApi;
  let fixture: Fixture;
  const tokens: Record<string, string> = {};

  const get = (path: string, token: string | null) =>
    fetch(`${api.url}${path}`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    api = await startTestApi(backend, { at: A_PUBLISHED, candidates: 400 });
    fixture = await prepareControl(api, 2);
    const first = fixture.chosen[0];
    if (first === undefined) throw new Error('no candidate');
    await addAccount(api, 'cand12.test', { role: 'CANDIDATE', candidate_id: first.id });
    await addAccount(api, 'other.test', { role: 'CANDIDATE', candidate_id: fixture.failed.id });
    await addAccount(api, 'academie15.test', { role: 'ACADEMY', academy_code: '15' });
    for (const id of [
      'cand12.test',
      'other.test',
      'academie15.test',
      'academie.demo',
      'pilote.demo',
      'etablissement.demo',
    ])
      tokens[id] = await api.logIn(id);
  });
  afterAll(async () => {
    await api.close();
  });

  it('serves an accessible convocation with the candidate, each oral in Paris time and what to bring', async () => {
    const first = fixture.chosen[0];
    if (first === undefined) throw new Error('no candidate');
    const response = await get(
      `/documents/convocation.pdf?candidate=${globalId(first.id)}`,
      tokens['cand12.test'] ?? null,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = await parsePdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.marked).toBe(true);
    expect(pdf.hasStructTree).toBe(true);
    expect(pdf.roles).toEqual(expect.arrayContaining(['Sect', 'H1', 'H2', 'P', 'L', 'LI']));
    expect(pdf.language).toBe('fr-FR');
    expect(pdf.title).toContain('Convocation aux épreuves de contrôle');
    expect(pdf.text).toContain(first.lastName.toUpperCase());
    expect(pdf.text).toContain(first.number);
    expect(pdf.text).toContain('Épreuve de contrôle : E1');
    expect(pdf.text).toContain('Épreuve de contrôle : E3');
    expect(pdf.text).toContain('pièce d’identité');
    expect(pdf.text).toContain('convocation');
    // The place is an establishment with its address (the demo's centres of Nancy-Metz), then the room.
    expect(pdf.text).toMatch(/Lieu : Lycée (de la Pépinière|du Saulcy) \(démo\) — Salle 1\d\d/);
    expect(pdf.text).toMatch(/Adresse : \d+ rue [^,]+, (54000 Nancy|57000 Metz)/);
    expect(pdf.text).not.toContain('Lieu : Salle');
    // French typography throughout: the typographic apostrophe, never the straight one.
    expect(pdf.text).not.toContain("'");

    const rows = await api.database.db
      .selectFrom('convocations')
      .select(['preparation_starts_at', 'starts_at'])
      .where('candidate_id', '=', first.id)
      .execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(pdf.text).toContain(
        `Début de la préparation : ${parisTime(r.preparation_starts_at.toISOString())}`,
      );
      expect(pdf.text).toContain(`Oral : de ${parisTime(r.starts_at.toISOString())}`);
    }
  });

  it.each([
    ['the candidate themself', 'cand12.test', 200],
    ['another candidate', 'other.test', 404],
    ['their school channel', 'etablissement.demo', 404],
    ['their académie of origin', 'academie.demo', 200],
    ['another académie', 'academie15.test', 404],
    ['the pilot', 'pilote.demo', 200],
    ['nobody', null, 401],
  ] as const)('gives the convocation to %s (%s): %i', async (_who, account, status) => {
    const first = fixture.chosen[0];
    if (first === undefined) throw new Error('no candidate');
    const token = account === null ? null : (tokens[account] ?? null);
    const response = await get(`/documents/convocation.pdf?candidate=${globalId(first.id)}`, token);
    expect(response.status).toBe(status);
  });

  it('answers 404, never 400 or 403, for an unknown or malformed candidate', async () => {
    for (const id of [globalId('00000000-0000-4000-8000-000000000000'), 'garbage', globalId('x')]) {
      const response = await get(
        `/documents/releve.pdf?candidate=${encodeURIComponent(id)}`,
        tokens['pilote.demo'] ?? null,
      );
      expect(response.status).toBe(404);
    }
  });

  it('keeps the transcript under embargo until publication, except for the pilot', async () => {
    const first = fixture.chosen[0];
    if (first === undefined) throw new Error('no candidate');
    const path = `/documents/releve.pdf?candidate=${globalId(first.id)}`;
    api.clock.set(ms(A_PUBLISHED, -1));
    expect((await get(path, tokens['cand12.test'] ?? null)).status).toBe(404);
    expect((await get(path, tokens['academie.demo'] ?? null)).status).toBe(404);
    expect((await get(path, tokens['pilote.demo'] ?? null)).status).toBe(200);
    api.clock.set(A_PUBLISHED);
    expect((await get(path, tokens['cand12.test'] ?? null)).status).toBe(200);
  });

  it('prints the first group before the second-group results, and the final outcome after', async () => {
    const first = fixture.chosen[0];
    if (first === undefined) throw new Error('no candidate');
    const path = `/documents/releve.pdf?candidate=${globalId(first.id)}`;
    api.clock.set(ms(SECOND_GROUP, -1));
    const before = await parsePdf(
      new Uint8Array(await (await get(path, tokens['cand12.test'] ?? null)).arrayBuffer()),
    );
    expect(before.title).toContain('Relevé de notes');
    expect(before.text).toContain('Admis à se présenter aux épreuves de contrôle');
    expect(before.text).toContain('Moyenne du domaine professionnel');
    expect(before.text).toContain('Les moyennes sont tronquées au centième, jamais arrondies.');
    expect(before.text).not.toContain("'");
    expect(before.text).not.toContain('Résultat final');

    api.clock.set(SECOND_GROUP);
    const after = await parsePdf(
      new Uint8Array(await (await get(path, tokens['cand12.test'] ?? null)).arrayBuffer()),
    );
    expect(after.text).toMatch(/Épreuve de\s+contrôle/);
    expect(after.roles).toEqual(expect.arrayContaining(['Table', 'TR', 'TH', 'TD']));
    expect(after.text).toContain('20,00');
    expect(after.text).toMatch(/Résultat final[\s\S]*Résultat : Admis/);

    const failed = await parsePdf(
      new Uint8Array(
        await (
          await get(
            `/documents/releve.pdf?candidate=${globalId(fixture.failed.id)}`,
            tokens['other.test'] ?? null,
          )
        ).arrayBuffer(),
      ),
    );
    expect(failed.text).toContain(fixture.failed.lastName.toUpperCase());
    expect(failed.text).toContain('Résultat : Ajourné');
  });

  it('prints one page per candidate in the académie’s bulk convocations, for that académie and the pilot only', async () => {
    const path = '/documents/convocations.pdf?year=2024&academy=12';
    const response = await get(path, tokens['academie.demo'] ?? null);
    expect(response.status).toBe(200);
    const pdf = await parsePdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.pages).toHaveLength(fixture.chosen.length);
    fixture.chosen.forEach((c, i) => {
      expect(pdf.pages[i]).toContain(c.lastName.toUpperCase());
    });
    expect((await get(path, tokens['pilote.demo'] ?? null)).status).toBe(200);
    expect((await get(path, tokens['academie15.test'] ?? null)).status).toBe(404);
    expect((await get(path, tokens['cand12.test'] ?? null)).status).toBe(404);
    expect(
      (
        await get(
          '/documents/convocations.pdf?year=2024&academy=15',
          tokens['academie15.test'] ?? null,
        )
      ).status,
    ).toBe(404);
    expect(
      (await get('/documents/convocations.pdf?year=abc&academy=12', tokens['pilote.demo'] ?? null))
        .status,
    ).toBe(400);
  });

  it.each([
    ['convocation', 'convocation.pdf'],
    ['releve', 'releve.pdf'],
  ])(
    'still serves the %s of a number stored before the import checked its format, under a safe header',
    async (prefix, document) => {
      const legacy = fixture.chosen[1];
      if (legacy === undefined) throw new Error('no candidate');
      // Written by SQL, as a row from before the format check could be.
      const number = '0241€"; filename="x.exe';
      const update = (value: string) =>
        api.database.db
          .updateTable('candidates')
          .set({ number: value })
          .where('id', '=', legacy.id)
          .execute();
      await update(number);
      try {
        const response = await get(
          `/documents/${document}?candidate=${globalId(legacy.id)}`,
          tokens['pilote.demo'] ?? null,
        );
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        const header = response.headers.get('content-disposition') ?? '';
        const match =
          /^inline; filename="([A-Za-z0-9._-]+)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(
            header,
          );
        expect(match, header).not.toBeNull();
        expect(match?.[1]).toBe(`${prefix}-0241____filename__x.exe.pdf`);
        expect(decodeURIComponent(match?.[2] ?? '')).toBe(`${prefix}-${number}.pdf`);
        const pdf = await parsePdf(new Uint8Array(await response.arrayBuffer()));
        expect(pdf.text).toContain(legacy.lastName.toUpperCase());
      } finally {
        await update(legacy.number);
      }
    },
  );
});
