/**
 * The statement pages every État site links from each page's footer. The
 * accessibility link says the status the statement claims: both read
 * ACCESSIBILITY_STATUS, so they cannot disagree.
 */
export const ACCESSIBILITY_STATUS = 'non conforme';

export const LEGAL_PAGES = [
  { href: '/accessibilite', footerLabel: `Accessibilité : ${ACCESSIBILITY_STATUS}` },
  { href: '/mentions-legales', footerLabel: 'Mentions légales' },
  { href: '/donnees-personnelles', footerLabel: 'Données personnelles' },
] as const;

/** The day the accessibility statement was drawn up (ISO date, Paris). */
export const STATEMENTS_DATE = '2026-12-04';

/** The day the personal-data page last changed (attestations and held results). */
export const PRIVACY_PAGE_DATE = '2026-12-04';
