/**
 * The session the site shows. One place until sessions are chosen from the
 * data (the current one is the one whose calendar contains now).
 */
export const SESSION_YEAR = 2024;
