/**
 * Rules the seed does not fix: parameters of an exam session, with the
 * defaults of the rules (docs/rules.md, « Optional tests » and « The control »).
 */
export interface ExamPolicy {
  /**
   * Épreuves facultatives: by default only the points above 10, times the
   * coefficient, are added to the numerator; the coefficient is not added
   * to the denominator. 'IGNORED' leaves optional tests out altogether.
   */
  readonly optionalTests: 'POINTS_ABOVE_10' | 'IGNORED';
  /**
   * A candidate absent from a control oral keeps, by default, the
   * first-group mark for that test. 'FAIL' treats such an absence like an
   * unjustified absence: the candidate is ajourné.
   */
  readonly absentAtControlOral: 'KEEP_FIRST_GROUP_MARK' | 'FAIL';
}

export const DEFAULT_POLICY: ExamPolicy = {
  optionalTests: 'POINTS_ABOVE_10',
  absentAtControlOral: 'KEEP_FIRST_GROUP_MARK',
};
