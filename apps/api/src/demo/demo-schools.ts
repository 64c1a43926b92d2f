/**
 * Fictitious schools for the demo: every name says « démonstration », and
 * the UAI codes are built in a range (…99nn) chosen for the demo, with a
 * check letter computed as for real ones so that the codes look right to
 * validators. Reims (19) has the most, then its neighbours.
 */
export interface DemoSchool {
  readonly uai: string;
  readonly name: string;
  readonly academyCode: string;
}

/** The UAI check letter: the seven digits modulo 23, over an alphabet without I, O and Q. */
export function uaiCheckLetter(digits: string): string {
  const letter = 'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(digits) % 23];
  if (!/^[0-9]{7}$/.test(digits) || letter === undefined)
    throw new RangeError(`Not the seven digits of a UAI: ${digits}`);
  return letter;
}

/** académie → [département, school names…][] */
const SCHOOLS_BY_ACADEMY: readonly (readonly [
  string,
  readonly (readonly [string, readonly string[]])[],
])[] = [
  [
    '19',
    [
      [
        '51',
        [
          'Lycée de démonstration Jean Moulin',
          'Lycée polyvalent de démonstration Camille Claudel',
          'Lycée de démonstration Simone Veil',
          'CFA de démonstration des métiers du commerce',
          'Lycée de démonstration Louise Michel',
        ],
      ],
      [
        '08',
        [
          'Lycée de démonstration Arthur Rimbaud',
          'Lycée polyvalent de démonstration Paul Verlaine',
        ],
      ],
      [
        '10',
        [
          'Lycée de démonstration Chrestien de Troyes',
          'Lycée de démonstration Marie Curie',
          'CFA de démonstration de l’Aube',
        ],
      ],
      [
        '52',
        [
          'Lycée de démonstration Denis Diderot',
          'Lycée polyvalent de démonstration Jean de La Fontaine',
        ],
      ],
    ],
  ],
  [
    '12',
    [
      [
        '54',
        ['Lycée de démonstration Jean Jaurès', 'Lycée polyvalent de démonstration Robert Schuman'],
      ],
      ['57', ['Lycée de démonstration Georges de La Tour', 'CFA de démonstration de Moselle']],
      ['88', ['Lycée de démonstration Jeanne d’Arc']],
    ],
  ],
  [
    '20',
    [
      [
        '80',
        ['Lycée de démonstration Jules Verne', 'Lycée polyvalent de démonstration Louis Pasteur'],
      ],
      ['02', ['Lycée de démonstration Condorcet']],
      ['60', ['Lycée de démonstration Jean Monnet']],
    ],
  ],
  [
    '15',
    [
      [
        '67',
        [
          'Lycée de démonstration Marguerite Yourcenar',
          'Lycée polyvalent de démonstration Gustave Eiffel',
        ],
      ],
      ['68', ['Lycée de démonstration Blaise Pascal']],
    ],
  ],
  [
    '07',
    [
      [
        '21',
        ['Lycée de démonstration Gaston Bachelard', 'Lycée de démonstration Olympe de Gouges'],
      ],
      ['89', ['Lycée polyvalent de démonstration Émile Zola']],
    ],
  ],
  [
    '24',
    [
      [
        '93',
        [
          'Lycée de démonstration Jacques Prévert',
          'Lycée polyvalent de démonstration Germaine Tillion',
        ],
      ],
      ['94', ['Lycée de démonstration Lucie Aubrac']],
    ],
  ],
  [
    '09',
    [
      [
        '59',
        ['Lycée de démonstration Albert Camus', 'Lycée polyvalent de démonstration Jean Bart'],
      ],
      ['62', ['Lycée de démonstration George Sand']],
    ],
  ],
  [
    '03',
    [['25', ['Lycée de démonstration Victor Hugo', 'Lycée de démonstration Joséphine Baker']]],
  ],
  [
    '25',
    [
      ['78', ['Lycée de démonstration Antoine de Saint-Exupéry']],
      ['92', ['Lycée polyvalent de démonstration Pierre Mendès France']],
    ],
  ],
  ['01', [['75', ['Lycée de démonstration Rosa Parks']]]],
  ['02', [['13', ['Lycée de démonstration Marcel Pagnol']]]],
  ['23', [['06', ['Lycée de démonstration Jacques Cœur']]]],
];

export const DEMO_SCHOOLS: readonly DemoSchool[] = SCHOOLS_BY_ACADEMY.flatMap(
  ([academyCode, departments]) =>
    departments.flatMap(([department, names]) =>
      names.map((name, index) => {
        const digits = `0${department}99${String(index + 1).padStart(2, '0')}`;
        return Object.freeze({ uai: `${digits}${uaiCheckLetter(digits)}`, name, academyCode });
      }),
    ),
);
