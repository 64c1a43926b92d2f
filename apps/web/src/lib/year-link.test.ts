import { describe, expect, it } from 'vitest';
import { yearHref } from './year-link.ts';

describe('a public path for a session', () => {
  it('is the path alone for the current session, and carries the year for any other', () => {
    expect(yearHref('/admis', 2024, 2024)).toBe('/admis');
    expect(yearHref('/admis/MCO', 2023, 2024)).toBe('/admis/MCO?annee=2023');
    expect(yearHref('/calendrier.ics', 2023, null)).toBe('/calendrier.ics?annee=2023');
  });
});
