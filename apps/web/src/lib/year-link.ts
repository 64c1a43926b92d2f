/**
 * A public path for a session: the current session's is the path alone (a
 * bookmark or a subscription then follows the next session), any other
 * year's carries `?annee=`.
 */
export function yearHref(path: string, year: number, current: number | null): string {
  return year === current ? path : `${path}?annee=${String(year)}`;
}
