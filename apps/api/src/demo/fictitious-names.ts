/**
 * Common French first and last names, combined at random: the demo
 * candidates are fictitious, and no combination stands for anyone.
 */
// prettier-ignore
export const FIRST_NAMES: readonly string[] = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Jade', 'Sarah', 'Lucie', 'Clara',
  'Océane', 'Anaïs', 'Mathilde', 'Pauline', 'Marie', 'Julie', 'Laura', 'Zoé', 'Yasmine', 'Maëlys',
  'Lucas', 'Hugo', 'Thomas', 'Nathan', 'Théo', 'Louis', 'Enzo', 'Mathis', 'Maxime', 'Antoine',
  'Alexandre', 'Quentin', 'Romain', 'Kevin', 'Yanis', 'Mehdi', 'Baptiste', 'Clément', 'Julien', 'Noah',
];

// prettier-ignore
export const LAST_NAMES: readonly string[] = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
  'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
  'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson',
  'Benali', 'Nguyen', 'Diallo', 'Haddad', 'Lemoine', 'Collin', 'Huet', 'Picard', 'Jacquot', 'Thiébaut',
];
