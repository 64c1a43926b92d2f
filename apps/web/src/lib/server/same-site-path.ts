/**
 * The path (with its query) of a page of this site that `referer` names, or
 * '/' when it names anything else. A path must start with one '/': « //host »
 * and « /\host » are read by browsers as another site.
 */
export function sameSitePath(referer: string | null, site: URL): string {
  if (referer === null) return '/';
  let target: URL;
  try {
    target = new URL(referer, site);
  } catch {
    return '/';
  }
  const path = target.pathname;
  if (target.origin !== site.origin || !path.startsWith('/') || /^\/[/\\]/.test(path)) return '/';
  return `${path}${target.search}`;
}
