import { describe, expect, it } from 'vitest';
import { sameSitePath } from './same-site-path.ts';

const site = new URL('http://localhost:3100/demo/horloge');

describe('sameSitePath', () => {
  it.each([
    ['http://localhost:3100/candidat', '/candidat'],
    ['http://localhost:3100/etablissement?choix=oui', '/etablissement?choix=oui'],
    ['http://localhost:3100/', '/'],
  ])('keeps a page of this site: %s → %s', (referer, path) => {
    expect(sameSitePath(referer, site)).toBe(path);
  });

  it.each([
    // The path of these parses as this origin but browsers go elsewhere.
    'http://localhost:3100//evil.example/x',
    'http://localhost:3100/\\evil.example/x',
    'https://evil.example/candidat',
    'http://localhost:3101/candidat',
    'javascript:alert(1)',
    'http://[not a url',
  ])('sends %s back home', (referer) => {
    expect(sameSitePath(referer, site)).toBe('/');
  });

  it('keeps an encoded slash as a path of this site', () => {
    expect(sameSitePath('http://localhost:3100/%2F/evil.example', site)).toBe('/%2F/evil.example');
  });

  it('sends a missing referer back home', () => {
    expect(sameSitePath(null, site)).toBe('/');
  });
});
