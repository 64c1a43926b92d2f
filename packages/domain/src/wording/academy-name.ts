/**
 * French names of académies in running text. « de » elides to « d’ » before
 * a vowel: « académie d’Aix-Marseille », « académie d’Orléans-Tours », but
 * « académie de Reims », « académie de La Réunion ». An h may be mute or
 * aspirated, which spelling does not tell: no académie's name begins with
 * one, so the rule is the vowel one until a name needs a listed exception.
 */

/** The typographic apostrophe (U+2019), used in every French text shown to people. */
export const APOSTROPHE = '\u2019';

const ELIDES = /^[aeiouyàâäéèêëîïôöùûüÿœæ]/iu;

/** « de Reims », « d’Aix-Marseille ». */
export function deName(name: string): string {
  return ELIDES.test(name) ? `d${APOSTROPHE}${name}` : `de ${name}`;
}

/** « académie de Reims », « académie d’Aix-Marseille ». */
export function academyOfName(name: string): string {
  return `académie ${deName(name)}`;
}
