import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { chooseYear, yearQuery } from './session-year.ts';

function refusal(run: () => unknown): { status: number; message: string } | null {
  try {
    run();
    return null;
  } catch (e) {
    if (isHttpError(e)) return { status: e.status, message: e.body.message };
    throw e;
  }
}

describe('chooseYear: the session a page shows', () => {
  it.each([
    [null, 2024],
    ['', 2024],
    ['2024', 2024],
    ['2023', 2023],
  ])('asked %o → %i, the current one staying 2024', (asked, year) => {
    expect(chooseYear(asked, 2024, [2023, 2024])).toEqual({
      year,
      current: 2024,
      years: [2023, 2024],
    });
  });

  it.each(['2031', '23', '2023 ', '<script>', '2023.0', '02023'])(
    'refuses %o with a 404 that names no year',
    (asked) => {
      expect(refusal(() => chooseYear(asked, 2024, [2023, 2024]))).toEqual({
        status: 404,
        message: 'Cette session n’existe pas.',
      });
    },
  );

  it('says so when no session is defined at all', () => {
    expect(refusal(() => chooseYear(null, null, []))).toEqual({
      status: 404,
      message: 'Aucune session n’est encore définie.',
    });
  });

  it('keeps a year in links only when it is not the current one', () => {
    expect(yearQuery({ year: 2024, current: 2024, years: [2023, 2024] })).toEqual({});
    expect(yearQuery({ year: 2023, current: 2024, years: [2023, 2024] })).toEqual({
      annee: '2023',
    });
  });
});
