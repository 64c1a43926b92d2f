/**
 * graphql-js and Apollo answer in English, and graphql-js suggests names
 * ("Did you mean …?") that let anyone map the schema field by field. People
 * reading our errors read French, and programs read `extensions.code`: each
 * message from those layers is rewritten here, without suggestions.
 * Messages of our own (already French) pass through unchanged.
 */

type Rule = readonly [RegExp, (...groups: string[]) => string];

// Each pattern is anchored at the start; the suggestion tail is dropped before matching.
const RULES: readonly Rule[] = [
  [
    /^Cannot query field "([^"]+)" on type "([^"]+)"/,
    (f, t) => `Le champ « ${f} » n’existe pas sur le type « ${t} ».`,
  ],
  [
    /^Unknown argument "([^"]+)" on field "([^"]+)"/,
    (a, f) => `L’argument « ${a} » n’existe pas sur le champ « ${f} ».`,
  ],
  [
    /^Unknown argument "([^"]+)" on directive "([^"]+)"/,
    (a, d) => `L’argument « ${a} » n’existe pas sur la directive « ${d} ».`,
  ],
  [
    /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided/,
    (f, a, t) => `L’argument obligatoire « ${a} » (${t}) du champ « ${f} » manque.`,
  ],
  [
    /^Directive "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided/,
    (d, a, t) => `L’argument obligatoire « ${a} » (${t}) de la directive « ${d} » manque.`,
  ],
  [
    /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields/,
    (f, t) => `Le champ « ${f} » (type ${t}) demande une sélection de sous-champs.`,
  ],
  [
    /^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields/,
    (f, t) => `Le champ « ${f} » (type ${t}) n’a pas de sous-champs.`,
  ],
  [/^Unknown type "([^"]+)"/, (t) => `Type « ${t} » inconnu.`],
  [/^Unknown fragment "([^"]+)"/, (f) => `Fragment « ${f} » inconnu.`],
  [/^Unknown directive "([^"]+)"/, (d) => `Directive « ${d} » inconnue.`],
  [
    /^Unknown operation named "([^"]+)"/,
    (o) => `Aucune opération nommée « ${o} » dans le document.`,
  ],
  [
    /^Must provide operation name if query contains multiple operations/,
    () => 'Le document contient plusieurs opérations : donnez operationName.',
  ],
  [
    /^Could not determine what operation to execute/,
    () => 'Aucune opération à exécuter dans le document.',
  ],
  [/^Variable "([^"]+)" is not defined/, (v) => `La variable « ${v} » n’est pas déclarée.`],
  [/^Variable "([^"]+)" is never used/, (v) => `La variable « ${v} » n’est pas utilisée.`],
  [/^Fragment "([^"]+)" is never used/, (f) => `Le fragment « ${f} » n’est pas utilisé.`],
  [
    /^Cannot spread fragment "([^"]+)" within itself/,
    (f) => `Le fragment « ${f} » s’inclut lui-même.`,
  ],
  [
    /^Fragment "([^"]+)" cannot be spread here/,
    (f) => `Le fragment « ${f} » ne peut pas être utilisé à cet endroit (types incompatibles).`,
  ],
  [
    /^Fragment cannot be spread here/,
    () => 'Ce fragment ne peut pas être utilisé à cet endroit (types incompatibles).',
  ],
  [
    /^There can be only one (fragment|operation|variable|argument|input field) named "([^"]+)"/,
    (_k, n) => `Le nom « ${n} » est défini plusieurs fois.`,
  ],
  [
    /^This anonymous operation must be the only defined operation/,
    () => 'Une opération anonyme doit être la seule du document.',
  ],
  [
    /^Fields "([^"]+)" conflict/,
    (f) => `Les champs « ${f} » se contredisent : donnez-leur des alias différents.`,
  ],
  [
    /^Variable "([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"/,
    (v, t, u) => `La variable « ${v} » (${t}) est utilisée là où ${u} est attendu.`,
  ],
  [
    /^Variable "([^"]+)" of required type "([^"]+)" was not provided/,
    (v, t) => `La variable obligatoire « ${v} » (${t}) manque.`,
  ],
  [
    /^Variable "([^"]+)" of non-null type "([^"]+)" must not be null/,
    (v, t) => `La variable « ${v} » (${t}) ne peut pas être nulle.`,
  ],
  [
    /^Variable "([^"]+)" cannot be non-input type "([^"]+)"/,
    (v, t) => `La variable « ${v} » ne peut pas être de type ${t}.`,
  ],
  [
    /^Variable "([^"]+)" got invalid value [^;]*; (.*)$/s,
    (v, why) => `La variable « ${v} » a une valeur invalide : ${inner(why)}`,
  ],
  [/^Variable "([^"]+)" got invalid value/, (v) => `La variable « ${v} » a une valeur invalide.`],
  [
    /^Expected value of type "([^"]+)", found [^;]*; (.*)$/s,
    (t, why) => `Valeur invalide pour le type ${t} : ${inner(why)}`,
  ],
  [/^Expected value of type "([^"]+)"/, (t) => `Valeur invalide pour le type ${t}.`],
  [
    /^Directive "([^"]+)" may not be used on (\w+)/,
    (d) => `La directive « ${d} » n’est pas permise à cet endroit.`,
  ],
  [
    /^The directive "([^"]+)" can only be used once/,
    (d) => `La directive « ${d} » ne peut servir qu’une fois ici.`,
  ],
  [
    /^Syntax Error: Document contains more th[ae][nt] (\d+) tokens/,
    (n) => `Requête trop longue : plus de ${n} jetons.`,
  ],
  [/^Syntax Error: /, () => 'Erreur de syntaxe dans le document GraphQL.'],
  [/^(Int|Float|String|Boolean|ID) cannot represent/, (t) => `Valeur invalide pour le type ${t}.`],
  [/^Enum "([^"]+)" cannot represent/, (e) => `Valeur invalide pour l’énumération ${e}.`],
  [
    /^Value "([^"]+)" does not exist in "([^"]+)" enum/,
    (v, e) => `La valeur « ${v} » n’existe pas dans l’énumération ${e}.`,
  ],
  [
    /^Field "([^"]+)" is not defined by type "([^"]+)"/,
    (f, t) => `Le champ « ${f} » n’existe pas dans le type d’entrée ${t}.`,
  ],
  [
    /^Field "([^"]+)" of required type "([^"]+)" was not provided/,
    (f, t) => `Le champ obligatoire « ${f} » (${t}) manque.`,
  ],
  [/^Expected type "([^"]+)"/, (t) => `Type ${t} attendu.`],
  [
    /^GraphQL introspection is not allowed/,
    () => 'L’introspection du schéma est désactivée sur ce serveur (voir docs/graphql.md).',
  ],
  [
    /^GET requests only support query operations/,
    () => 'Une mutation s’envoie en POST, jamais en GET.',
  ],
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery/,
    () =>
      'Requête refusée (protection CSRF) : envoyez Content-Type: application/json, ou l’en-tête Apollo-Require-Preflight.',
  ],
  [
    /^GET requests may not have a content-type header/,
    () => 'Une requête GET ne peut avoir d’autre Content-Type que application/json.',
  ],
  [/^GET query missing/, () => 'Requête GET sans paramètre query.'],
  [
    /^GraphQL operations must contain a non-empty `query`/,
    () => 'La requête doit contenir un document GraphQL non vide (query).',
  ],
  [/^GraphQL queries must be strings/, () => 'Le document GraphQL (query) doit être une chaîne.'],
  [
    /^POST body missing/,
    () => 'Corps de requête absent ou vide : envoyez un objet JSON { "query": … }.',
  ],
  [/^No operations found in request/, () => 'Aucune opération dans la requête.'],
  [
    /^Operation batching disabled/,
    () => 'Une seule opération par requête : les lots ne sont pas acceptés.',
  ],
  [/^`variables` in a POST body/, () => 'variables doit être un objet JSON.'],
  [/^`extensions` in a POST body/, () => 'extensions doit être un objet JSON.'],
  [/^`operationName` in a POST body/, () => 'operationName doit être une chaîne.'],
  [/^The (\w+) search parameter/, (p) => `Le paramètre d’URL ${p} est invalide.`],
  [
    /^The '(\w+)' search parameter may only be specified once/,
    (p) => `Le paramètre d’URL ${p} ne peut apparaître qu’une fois.`,
  ],
  [
    /^An 'accept' header was provided/,
    () =>
      'L’en-tête Accept n’admet aucun type de réponse que l’API sait produire (application/json).',
  ],
  [
    /^Apollo Server supports only GET\/POST requests/,
    () => 'Seules les méthodes GET et POST sont acceptées.',
  ],
  [
    /^Apollo Server received an operation that uses incremental delivery/i,
    () => 'La livraison incrémentale (@defer, @stream) n’est pas prise en charge.',
  ],
  [/^PersistedQueryNotFound/, () => 'Requête persistée inconnue.'],
  [
    /^PersistedQueryNotSupported/,
    () =>
      'Les requêtes persistées automatiques ne sont pas prises en charge : utilisez documentId.',
  ],
  [
    /^Schema is not configured to execute subscription operation/,
    () => 'Les abonnements (subscription) ne sont pas pris en charge.',
  ],
  [
    /^Anonymous Subscription must select only one top level field|^Subscription "[^"]+" must select only one/,
    () => 'Les abonnements (subscription) ne sont pas pris en charge.',
  ],
];

/** What a message says once its suggestion is dropped; null when no rule knows it. */
function translated(message: string): string | null {
  const bare = message.replace(/\s*Did you mean [\s\S]*$/, '');
  for (const [pattern, french] of RULES) {
    const match = pattern.exec(bare);
    if (match !== null) return french(...match.slice(1));
  }
  return null;
}

/** A reason nested in another message: translated when known, dropped when English we do not know. */
function inner(reason: string): string {
  const known = translated(reason);
  if (known !== null) return known;
  return looksEnglish(reason) ? 'valeur refusée.' : reason;
}

// Our messages are French; a message without any French-only character and
// with common English words is someone else's.
function looksEnglish(message: string): boolean {
  return (
    !/[àâçéèêëîïôûùüÿœ«»’]/i.test(message) &&
    /\b(the|is|must|not|cannot|value|expected|found|field|of)\b/i.test(message)
  );
}

/** The generic French message of each code raised by graphql-js and Apollo. */
const BY_CODE: Readonly<Record<string, string>> = {
  GRAPHQL_PARSE_FAILED: 'Erreur de syntaxe dans le document GraphQL.',
  GRAPHQL_VALIDATION_FAILED: 'La requête ne correspond pas au schéma de l’API.',
  BAD_REQUEST: 'Requête HTTP GraphQL invalide.',
  BAD_USER_INPUT: 'Valeur d’entrée invalide.',
  OPERATION_RESOLUTION_FAILURE: 'Aucune opération à exécuter dans le document.',
  PERSISTED_QUERY_NOT_FOUND: 'Requête persistée inconnue.',
  PERSISTED_QUERY_NOT_SUPPORTED:
    'Les requêtes persistées automatiques ne sont pas prises en charge : utilisez documentId.',
};

/**
 * The French message to show for an error of the given code. Messages of
 * our own pass unchanged; known English messages are translated; unknown
 * English ones fall back to their code's generic French message.
 */
export function frenchMessage(code: string | undefined, message: string): string {
  const known = translated(message);
  if (known !== null) return known;
  if (!looksEnglish(message) && !/Did you mean/.test(message)) return message;
  return (code === undefined ? undefined : BY_CODE[code]) ?? 'Requête invalide.';
}
