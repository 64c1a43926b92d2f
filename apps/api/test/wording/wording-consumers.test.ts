import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One wording for each status and outcome (packages/domain/src/wording/):
 * the web, the PDFs, the CSV exports and the e-mails read it rather than
 * spelling their own. These checks read the sources, so that a page or a
 * document that goes back to its own words fails here.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SOURCES = ['apps/api/src', 'apps/web/src', 'packages/domain/src'];
const TABLE = 'packages/domain/src/wording/';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) && !/\.test\.ts$|\.d\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

const files = SOURCES.flatMap(sourceFiles).map((path) => ({
  path,
  text: readFileSync(join(ROOT, path), 'utf8'),
}));

/**
 * French typography: an elision (l’, d’, n’, qu’, jusqu’…) takes the
 * typographic apostrophe. The rule, kept simple: outside comments, no
 * French elision — one of those words, alone, then a straight ' then a
 * letter — in any source. English contractions (don't, it's) never match
 * (the letter before the apostrophe starts no word), nor does code: an
 * apostrophe that quotes follows a bracket, a space or an operator.
 */
const STRAIGHT_ELISION =
  /(?<!\p{L})(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|presqu|quoiqu|aujourd)'(?=\p{L})/iu;

function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('the wording table’s consumers', () => {
  it('reads the sources', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path.startsWith(TABLE))).toBe(true);
  });

  it.each([
    // The old, divergent wordings: gone everywhere.
    ['Admis à l’oral de contrôle', null],
    ["Admis à l'oral de contrôle", null],
    ['Absent justifié (0)', null],
    ['(absence justifiée)', null],
    ['moyenne au domaine professionnel', null],
    ['Moyenne au domaine professionnel', null],
    // The developer's command-line demo prints the fraction on purpose.
    ['valeur exacte', 'apps/api/src/domain-demo-command.ts'],
    ['académie de ${', null],
    ["l'académie", null],
    // The table's own words: spelt in the table only.
    ['Admis à se présenter aux épreuves de contrôle', TABLE],
    ['Note conservée (bénéfice)', TABLE],
    ['Saisie ouverte', TABLE],
    ['Saisie à venir', TABLE],
    ['Résultats non publiés', TABLE],
    ['Les moyennes sont tronquées', TABLE],
    ['Aucun examinateur n', TABLE],
  ] as const)('« %s » appears only in %s', (literal, allowedIn) => {
    const offenders = files
      .filter((f) => f.text.includes(literal))
      .map((f) => f.path)
      .filter((path) => allowedIn === null || !path.startsWith(allowedIn));
    expect(offenders).toEqual([]);
  });

  it.each([
    ['apps/api/src/documents/labels.ts', ['FIRST_GROUP_OUTCOME_LABELS', 'markCellText']],
    ['apps/api/src/documents/render-transcript.ts', ['AVERAGE_LABELS', 'AVERAGES_TRUNCATED']],
    ['apps/api/src/documents/statistics-csv.ts', ['RESULT_STATE_LABELS']],
    ['apps/api/src/services/exports.ts', ['CHANNEL_LABELS']],
    ['apps/api/src/graphql/schema/planning.ts', ['unplacedReasonText']],
    ['apps/api/src/services/schedule-convocations.ts', ['academyOfName', 'placeText']],
    [
      'packages/domain/src/notifications/notification-messages.ts',
      ['CHANNEL_TO_CANDIDATE_LABELS', 'academyOfName'],
    ],
    ['apps/web/src/lib/components/CandidateMarksTable.svelte', ['markCellText']],
    ['apps/web/src/lib/components/WindowBadge.svelte', ['WINDOW_STATE_LABELS']],
    ['apps/web/src/lib/components/CandidateConvocations.svelte', ['examCentreLines']],
    [
      'apps/web/src/lib/server/school-candidates.ts',
      ['FIRST_GROUP_OUTCOME_LABELS', 'CHANNEL_BY_LABELS', 'RESULT_STATE_LABELS'],
    ],
    [
      'apps/web/src/routes/candidat/+page.svelte',
      ['FIRST_GROUP_OUTCOME_LABELS', 'FINAL_OUTCOME_LABELS', 'averageShortfallNote'],
    ],
    ['apps/web/src/routes/+page.svelte', ['academyOfName']],
  ] as const)('%s uses %o', (path, names) => {
    const file = files.find((f) => relative(ROOT, join(ROOT, f.path)) === path);
    expect(file, path).toBeDefined();
    for (const name of names) expect(file?.text, name).toContain(name);
  });

  it('writes French elisions with the typographic apostrophe (’), outside comments', () => {
    const offenders = files.flatMap((f) =>
      withoutComments(f.text)
        .split('\n')
        .flatMap((line, i) =>
          STRAIGHT_ELISION.test(line) ? [`${f.path}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
  });

  it.each([
    ['"Vous n\'avez pas accès."', true],
    ["`Aucune session d'examen ${year}.`", true],
    ["<p>Jusqu'au 3 juillet</p>", true],
    ["error(403, 'Vous n’avez pas accès.')", false],
    ["// the owner's sessions, don't", false],
    ["x = record['d'] + ['l','m']", false],
    ["it's the API's own", false],
  ])('tells a straight elision from code and English: %s → %s', (line, offends) => {
    expect(STRAIGHT_ELISION.test(withoutComments(line))).toBe(offends);
  });
});
