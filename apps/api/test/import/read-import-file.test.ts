import { NATIONAL_RULES, RULES_2024 } from '@rattrapage/domain';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/import/decode-csv.ts';
import { IMPORT_KINDS, TRAILING_COLUMNS } from '../../src/import/import-kind.ts';
import { type ImportProblem, describeProblem } from '../../src/import/import-problem.ts';
import {
  parseCandidateLine,
  parseMarks,
  parseSchools,
  parseStructures,
} from '../../src/import/parse-rows.ts';
import { readCsv } from '../../src/import/read-csv.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

function linesOf(text: string, columns: readonly string[]) {
  const reading = readCsv(text, columns);
  if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
  return reading.lines;
}

describe('decodeCsv', () => {
  it.each([
    ['UTF-8', utf8('uai;name\n0510001A;Lycée Clemenceau\n'), 'utf-8'],
    [
      'UTF-8 with a BOM',
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('uai;name\n0510001A;Lycée Clemenceau\n')]),
      'utf-8',
    ],
    // « é » is 0xE9 in Windows-1252, an invalid byte sequence in UTF-8.
    [
      'Windows-1252',
      new Uint8Array([...utf8('uai;name\n0510001A;Lyc'), 0xe9, ...utf8('e Clemenceau\n')]),
      'windows-1252',
    ],
  ])('reads %s', (_label, bytes, encoding) => {
    const decoded = decodeCsv(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe('uai;name\n0510001A;Lycée Clemenceau\n');
  });

  it('reads the Windows-1252 specials (œ, €, ’) as the exam systems mean them', () => {
    expect(decodeCsv(new Uint8Array([0x9c, 0x80, 0x92])).text).toBe('œ€’');
  });
});

describe('readCsv', () => {
  const columns = IMPORT_KINDS.MARKS;
  it('keys cells by column and numbers physical lines from the header (1)', () => {
    const lines = linesOf('number;code;mark\r\nA1;E1;12,5\r\n\r\nA1;E3;"ABS"\r\n', columns);
    expect(lines.map((l) => [l.line, l.cells.get('mark')])).toEqual([
      [2, '12,5'],
      [4, 'ABS'],
    ]);
  });

  // A bare CR ends a line in editors and in csv-parse alike (classic Mac
  // files end every line so), even inside quotes: problems name the line
  // a reader finds there. Found by fuzzing: a quoted name holding a CR.
  it.each([
    ['ends with CR only', 'number;code;mark\rA1;E1;10\r\rA2;E1;11\r', [2, 4]],
    ['holds a CR inside quotes', 'number;code;mark\n"A\r1";E1;10\nA2;E1;11\n', [3, 4]],
    ['mixes CR LF, CR and LF', 'number;code;mark\r\nA1;E1;10\rA2;E1;11\nA3;E1;12', [2, 3, 4]],
  ])('counts a bare CR as a line break when the file %s', (_label, text, numbers) => {
    expect(linesOf(text, columns).map((l) => l.line)).toEqual(numbers);
  });

  // csv-parse counts a CR LF inside quotes as two breaks, and every line
  // after it one too far. Found by fuzzing: a quoted name « \r\n », its
  // file's later problem named past the last line.
  it.each([
    ['holds a CR LF inside quotes', 'number;code;mark\r\n"A\r\n1";E1;10\r\nA2;E1;11\r\n', [3, 4]],
    [
      'holds several, in several lines',
      'number;code;mark\n"A\r\n\r\n1";E1;10\nA2;E1;"x\r\ny"\nA3;E1;12\n',
      [4, 6, 7],
    ],
  ])('counts a quoted CR LF as one line break when the file %s', (_label, text, numbers) => {
    expect(linesOf(text, columns).map((l) => l.line)).toEqual(numbers);
  });

  it('accepts header names in any case', () => {
    expect(linesOf('NUMBER;Code;Mark\nA1;E1;10\n', columns)).toHaveLength(1);
  });

  it.each([
    ['a wrong header', 'number;mark;code\nA1;12;E1\n', 1, 'en-tête attendu « number;code;mark »'],
    ['a missing column', 'number;code;mark\nA1;E1;10\nA2;E1\n', 3, '2 colonnes au lieu de 3'],
    [
      'a missing column, after CR-only lines',
      'number;code;mark\rA1;E1;10\rA2;E1\r',
      3,
      '2 colonnes au lieu de 3',
    ],
    [
      'a line with one column too many',
      'number;code;mark\nA1;E1;10;x\n',
      2,
      '4 colonnes au lieu de 3',
    ],
    [
      'a missing column, after a CR LF inside quotes',
      'number;code;mark\n"A\r\n1";E1;10\nA2;E1\nA3;E1;12\n',
      4,
      '2 colonnes au lieu de 3',
    ],
    [
      'a quote closed mid-field, after a CR LF inside quotes',
      'number;code;mark\n"A\r\n1";E1;10\n"x"y;E1;10\nA3;E1;12\n',
      4,
      'fichier CSV illisible : un guillemet fermant doit être suivi d’un point-virgule ou d’une fin de ligne',
    ],
    // Found by fuzzing: csv-parse names line 4 here, one past the file's last line.
    [
      'a quote left open on the last line, after a line break',
      'number;code;mark\r\nA1;E1;10\r\n"jamais fermé;x\r\n',
      3,
      'fichier CSV illisible : un guillemet ouvert n’est jamais fermé',
    ],
    [
      'a quote left open on the last line, with no line break',
      'number;code;mark\nA1;E1;10\n"jamais fermé;x',
      3,
      'fichier CSV illisible : un guillemet ouvert n’est jamais fermé',
    ],
  ])('refuses %s', (_label, text, line, reason) => {
    const reading = readCsv(text, columns);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems[0]).toMatchObject({ line, reason });
  });
});

describe('parseMarks', () => {
  const parse = (body: string) =>
    parseMarks(linesOf(`number;code;mark\n${body}`, IMPORT_KINDS.MARKS));

  it('reads every status word and the decimal comma', () => {
    const { rows, problems } = parse('A1;E1;12,5\nA1;E2;ABS\nA1;E3;AJ\nA1;E4;DI\nA1;E5;BEN 12,5\n');
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.entry)).toEqual([
      { status: 'MARK', hundredths: 1250 },
      { status: 'ABSENT' },
      { status: 'ABSENT_JUSTIFIED' },
      { status: 'EXEMPT' },
      { status: 'KEPT', hundredths: 1250 },
    ]);
  });

  it('names each bad line, its column and the reason, in French', () => {
    const { problems } = parse('A1;E1;12\nA1;E2;21,5\n;E3;10\nA1;E1;11\n');
    expect(problems.map(describeProblem)).toEqual([
      'ligne 3, colonne note : « 21,5 » n’est pas une note sur 20',
      'ligne 4, colonne numéro : valeur obligatoire manquante',
      'ligne 5, colonne épreuve : déjà présent ligne 2',
    ]);
  });
});

describe('parseCandidateLine', () => {
  const header = IMPORT_KINDS.CANDIDATES.join(';');
  const parse = (body: string) => {
    const problems: ImportProblem[] = [];
    const rows = linesOf(`${header}\n${body}`, IMPORT_KINDS.CANDIDATES).flatMap((line) => {
      const row = parseCandidateLine(line, problems);
      return row === null ? [] : [row];
    });
    return { rows, problems };
  };

  it('reads a school candidate and an individual one', () => {
    const { rows, problems } = parse(
      '24001;Martin;Léa;MCO;19;0510001A;N;lea@example.fr\n24002;Durand;Paul;NDRC;01;;O;\n',
    );
    expect(problems).toEqual([]);
    expect(rows[1]).toMatchObject({ individual: true, schoolUai: null, email: null });
  });

  it.each([
    [
      '24001;Martin;Léa;MCO;19;;N;',
      'school_uai',
      'un candidat qui n’est pas individuel est rattaché à un établissement',
    ],
    ['24001;Martin;Léa;MCO;05;0510001A;N;', 'origin_academy', 'académie inconnue'],
    ['24001;Martin;Léa;MCO;19;0510001A;X;', 'individual', '« X » : attendu O (oui) ou N (non)'],
    [
      '24001;Martin;Léa;MCO;19;051;N;',
      'school_uai',
      'un UAI est fait de 7 chiffres et d’une lettre',
    ],
    ['24001;Martin;Léa;MCO;19;0510001A;N;pas-un-courriel', 'email', 'adresse de courriel invalide'],
  ])('refuses %j', (line, column, reason) => {
    expect(parse(`${line}\n`).problems).toEqual([
      expect.objectContaining({ line: 2, column, reason }),
    ]);
  });
});

describe('parseSchools', () => {
  it('refuses an unknown académie and a duplicate UAI', () => {
    const { problems } = parseSchools(
      linesOf(
        'uai;name;academy_code\n0510001A;Lycée A;19\n0510001A;Lycée B;19\n0510002B;Lycée C;99\n',
        IMPORT_KINDS.SCHOOLS,
      ),
    );
    expect(problems.map(describeProblem)).toEqual([
      'ligne 3, colonne uai : déjà présent ligne 2',
      'ligne 4, colonne académie : académie inconnue',
    ]);
  });
});

describe('parseStructures', () => {
  const header = IMPORT_KINDS.STRUCTURES.join(';');
  it('builds a test with parts, with exact coefficients', () => {
    const { rows, problems } = parseStructures(
      linesOf(
        `${header}\nMCO;E1;;Culture générale;3;G;N;O;N\nMCO;E2;;Langue vivante;3;G;N;O;O\nMCO;E2;E21;Écrit;1,5;;;;\nMCO;E2;E22;Oral;1,5;;;;\nMCO;E4;;Relation client;6;P;N;N;N\n`,
        IMPORT_KINDS.STRUCTURES,
      ),
      NATIONAL_RULES,
    );
    expect(problems).toEqual([]);
    expect(rows[0]?.structure.tests[1]).toMatchObject({
      code: 'E2',
      coefficientHundredths: 300,
      language: true,
      parts: [
        { code: 'E21', coefficientHundredths: 150 },
        { code: 'E22', coefficientHundredths: 150 },
      ],
    });
  });

  it('refuses, through the domain, a professional test eligible for the control', () => {
    const { problems } = parseStructures(
      linesOf(`${header}\nMCO;E4;;Relation client;6;P;N;O;N\n`, IMPORT_KINDS.STRUCTURES),
      NATIONAL_RULES,
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 2,
        column: 'specialty',
        reason:
          'Épreuve E4 : une épreuve du domaine professionnel ne peut pas être choisie pour l’épreuve de contrôle.',
      }),
    );
  });

  it('counts optional tests against the session’s rules, not a constant', () => {
    const three = `${header}\nMCO;E1;;Culture générale;3;G;N;O;N\nMCO;E3;;CEJM;3;G;N;O;N\nMCO;E4;;Relation client;6;P;N;N;N\nMCO;F1;;Facultative 1;1;G;O;N;N\nMCO;F2;;Facultative 2;1;G;O;N;N\nMCO;F3;;Facultative 3;1;G;O;N;N\n`;
    const national = parseStructures(linesOf(three, IMPORT_KINDS.STRUCTURES), NATIONAL_RULES);
    expect(national.problems.map((p) => p.reason)).toEqual([
      '3 épreuves facultatives : au plus 2.',
    ]);
    const allowingThree = parseStructures(linesOf(three, IMPORT_KINDS.STRUCTURES), RULES_2024);
    expect(allowingThree.problems).toEqual([]);
    expect(allowingThree.rows[0]?.structure.tests.filter((t) => t.optional)).toHaveLength(3);
  });
});

describe('parseStructures with blocs de compétences', () => {
  const columns = IMPORT_KINDS.STRUCTURES;
  const blockColumns = TRAILING_COLUMNS.STRUCTURES ?? [];
  const header = [...columns, ...blockColumns].join(';');
  const parse = (body: string) => {
    const read = readCsv(`${header}\n${body}`, columns, blockColumns);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    return parseStructures(read.lines, NATIONAL_RULES);
  };
  const sound =
    'MCO;E1;;Culture générale;3;G;N;O;N;B5;Culture générale et expression\n' +
    'MCO;E3;;CEJM;3;G;N;O;N;;\n' +
    'MCO;E4;;Relation client;6;P;N;N;N;;\n' +
    'MCO;E4;E41;Vente conseil;3;;;;;B1;Développer la relation client\n' +
    'MCO;E4;E42;Offre commerciale;3;;;;;B1;Développer la relation client\n';

  it('reads each test’s or part’s block, in the file’s order; a file without the columns maps none', () => {
    const { rows, problems } = parse(sound);
    expect(problems).toEqual([]);
    expect(rows[0]?.structure.blocks).toEqual([
      { code: 'B1', name: 'Développer la relation client', units: ['E41', 'E42'] },
      { code: 'B5', name: 'Culture générale et expression', units: ['E1'] },
    ]);
    const older = parseStructures(
      linesOf(
        `${columns.join(';')}\nMCO;E1;;Culture générale;3;G;N;O;N\nMCO;E3;;CEJM;3;G;N;O;N\n`,
        columns,
      ),
      NATIONAL_RULES,
    );
    expect(older.problems).toEqual([]);
    expect(older.rows[0]?.structure.blocks).toEqual([]);
  });

  it.each([
    [
      'a block without its name',
      'MCO;E1;;CG;3;G;N;O;N;B1;\nMCO;E3;;CEJM;3;G;N;O;N;;\n',
      'ligne 2, colonne nom du bloc : un bloc de compétences a un code et un nom, ou aucun des deux',
    ],
    [
      'a block named two ways',
      'MCO;E1;;CG;3;G;N;O;N;B1;Un\nMCO;E3;;CEJM;3;G;N;O;N;B1;Deux\n',
      'Bloc B1 : nommé « Un » puis « Deux ».',
    ],
    [
      'an optional test in a block',
      'MCO;E1;;CG;3;G;N;O;N;;\nMCO;E3;;CEJM;3;G;N;O;N;;\nMCO;F1;;Facultative;1;G;O;N;N;B1;Un\n',
      'l’épreuve facultative F1 ne peut pas former un bloc',
    ],
  ])('refuses %s, in French', (_name, body, expected) => {
    const described = parse(body).problems.map(describeProblem);
    expect(
      described.some((d) => d.includes(expected)),
      described.join('\n'),
    ).toBe(true);
  });
});

describe('readCsv with columns people read past (a mark slip)', () => {
  const columns = IMPORT_KINDS.CONTROL_MARKS;
  const reading = TRAILING_COLUMNS.CONTROL_MARKS ?? [];
  const slipHeader = [...columns, ...reading].join(';');

  it('reads a slip’s columns by their names (the import keeps its own three)', () => {
    const read = readCsv(
      `${slipHeader}\nA1;E1;12,5;Martin;Léa;2024-07-04;08:30;Salle 101;M. X\n`,
      columns,
      reading,
    );
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.lines.map((l) => Object.fromEntries(l.cells))).toEqual([
      {
        number: 'A1',
        test: 'E1',
        mark: '12,5',
        ...Object.fromEntries(
          reading.map((c, i) => [
            c,
            ['Martin', 'Léa', '2024-07-04', '08:30', 'Salle 101', 'M. X'][i],
          ]),
        ),
      },
    ]);
    // The import's own three columns still do.
    expect(readCsv('number;test;mark\nA1;E1;ABS\n', columns, reading).ok).toBe(true);
  });

  it.each([
    [
      'a line as short as the plain file under a slip header',
      `${slipHeader}\nA1;E1;ABS\n`,
      2,
      '3 colonnes au lieu de 9',
    ],
    [
      'a slip header missing one reading column',
      `${slipHeader.replace(';examiner', '')}\nA1;E1;ABS;a;b;c;d;e\n`,
      1,
      'en-tête attendu « number;test;mark » ou « number;test;mark;last_name;first_name;day;starts_at;room;examiner »',
    ],
  ])('refuses %s', (_label, text, line, reason) => {
    const read = readCsv(text, columns, reading);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.line, p.reason])).toEqual([[line, reason]]);
  });
});
