import { type Refused, refuse } from '../errors.ts';

/**
 * The password policy of accounts without multi-factor authentication,
 * after ANSSI (« Recommandations relatives à l'authentification
 * multifacteur et aux mots de passe », 2021, R21–R23) and CNIL
 * (délibération n° 2022-100, article 2, case 1): at least 12 characters
 * drawing on at least 3 of the 4 character classes, or at least 14
 * characters of any kind (entropy of about 80 bits either way); never the
 * identifier; never a well-known password.
 */
export const PASSWORD_POLICY = {
  minLengthWithClasses: 12,
  minClasses: 3,
  minLengthAnyKind: 14,
  /** Hashing a huge password is a denial of service; far above any real passphrase. */
  maxLength: 1024,
} as const;

export type PasswordCheck =
  | { readonly ok: true }
  | Refused<{ readonly code: 'WEAK_PASSWORD'; readonly problems: readonly string[] }>;

export const PASSWORD_PROBLEMS = {
  tooWeak:
    'Le mot de passe doit comporter au moins 12 caractères mêlant au moins trois types (minuscules, majuscules, chiffres, caractères spéciaux), ou au moins 14 caractères.',
  tooLong: 'Le mot de passe ne doit pas dépasser 1024 caractères.',
  containsIdentifier: 'Le mot de passe ne doit pas contenir votre identifiant.',
  common: 'Ce mot de passe est trop courant : choisissez-en un autre.',
} as const;

/**
 * Well-known passwords and their stems (the CNIL asks to refuse the most
 * common ones). A stem followed or preceded by digits or symbols is refused
 * too: « Motdepasse2024! » is as guessable as « motdepasse ».
 */
const COMMON = new Set([
  'motdepasse',
  'password',
  'passw0rd',
  'azerty',
  'azertyuiop',
  'qwerty',
  'qwertyuiop',
  'soleil',
  'bonjour',
  'doudou',
  'loulou',
  'chouchou',
  'marseille',
  'iloveyou',
  'jetaime',
  'admin',
  'administrateur',
  'rattrapage',
  'bts',
  'baccalaureat',
  'examen',
  'academie',
  'reims',
  '123456789012',
  '12345678901234',
  'abcdefghijkl',
  'aaaaaaaaaaaa',
]);

/** Lower case, compatibility forms folded and accents dropped: « Académie » is « academie ». */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const GRAPHEMES = new Intl.Segmenter('fr', { granularity: 'grapheme' });

function classesOf(password: string): number {
  const classes = new Set<string>();
  for (const c of password) {
    if (/\p{Ll}/u.test(c)) classes.add('lower');
    else if (/\p{Lu}/u.test(c)) classes.add('upper');
    else if (/\p{Nd}/u.test(c)) classes.add('digit');
    else classes.add('special');
  }
  return classes.size;
}

function isCommon(folded: string): boolean {
  if (COMMON.has(folded)) return true;
  const stem = folded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return stem !== '' && COMMON.has(stem);
}

/** Checks a new password for the account `identifier`; lists every problem, in French. */
export function checkPassword(password: string, identifier: string): PasswordCheck {
  const problems: string[] = [];
  // Characters as people count them (graphemes: « é » is one, however encoded), not UTF-16 units.
  const length = Array.from(GRAPHEMES.segment(password)).length;
  if (length > PASSWORD_POLICY.maxLength) problems.push(PASSWORD_PROBLEMS.tooLong);
  const strongEnough =
    length >= PASSWORD_POLICY.minLengthAnyKind ||
    (length >= PASSWORD_POLICY.minLengthWithClasses &&
      classesOf(password) >= PASSWORD_POLICY.minClasses);
  if (!strongEnough) problems.push(PASSWORD_PROBLEMS.tooWeak);
  const folded = fold(password);
  const id = fold(identifier.trim());
  if (id !== '' && folded.includes(id)) problems.push(PASSWORD_PROBLEMS.containsIdentifier);
  if (isCommon(folded)) problems.push(PASSWORD_PROBLEMS.common);
  return problems.length === 0 ? { ok: true } : refuse({ code: 'WEAK_PASSWORD', problems });
}
