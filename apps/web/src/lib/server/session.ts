import type { Cookies } from '@sveltejs/kit';
import { COOKIE_SECURE } from '$app/env/private';

/**
 * The API session token lives in an HttpOnly, SameSite=Lax cookie set by
 * the web server: page scripts never see it, and other sites cannot send it
 * with a form (SvelteKit also checks the origin of form actions).
 */
export const SESSION_COOKIE = 'rattrapage_session';

export function readSession(cookies: Cookies): string | null {
  const value = cookies.get(SESSION_COOKIE);
  return value !== undefined && /^[\w-]{10,200}$/.test(value) ? value : null;
}

/**
 * A browser-session cookie (no expiry date): closing the browser on a shared
 * school computer logs out; the API still ends the session at its own expiry.
 */
export function writeSession(cookies: Cookies, token: string): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: COOKIE_SECURE,
    sameSite: 'lax',
  });
}

export function clearSession(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    secure: COOKIE_SECURE,
    sameSite: 'lax',
  });
}

export type Role = 'CANDIDATE' | 'SCHOOL' | 'ACADEMY' | 'PILOT';

export interface SessionViewer {
  readonly identifier: string;
  readonly role: Role;
}

/** Where each role lands after log-in. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'CANDIDATE':
      return '/candidat';
    case 'SCHOOL':
      return '/etablissement';
    case 'ACADEMY':
    case 'PILOT':
      return '/';
  }
}
