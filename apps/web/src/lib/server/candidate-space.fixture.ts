/** A candidate as the API answers CandidateSpace, for the web's unit tests. */

const mark = (code: string, display: string) => ({
  test: { code, name: code, coefficient: '3' },
  mark: { display },
  status: 'MARK',
});

export const thresholds = (admitted: number, control: number, professional: number) => ({
  admitted: { hundredths: admitted },
  control: { hundredths: control },
  professional: { hundredths: professional },
});

export function candidate(overrides: Record<string, unknown> = {}) {
  return {
    number: '02419000001',
    firstName: 'Océane',
    lastName: 'André',
    individual: false,
    accommodation: null,
    specialty: {
      code: 'MCO',
      name: 'Management commercial opérationnel',
      firstGroupResultsAt: '2024-06-28T08:00:00.000Z',
      session: { rules: { thresholds: thresholds(1000, 800, 1000) } },
    },
    firstGroup: {
      outcome: 'CONTROL_ALLOWED',
      reason: 'CONTROL_THRESHOLDS_MET',
      overallAverage: { display: '9,12', exact: '1277/140' },
      professionalAverage: { display: '11,40' },
      marks: [mark('E1', '8,00'), mark('E4', '12,00')],
      publishedAt: '2024-06-28T08:00:00.000Z',
    },
    control: {
      window: {
        opensAt: '2024-06-28T08:00:00.000Z',
        closesAt: '2024-07-01T08:00:00.000Z',
      },
      eligibleTests: [],
      choice: null,
      options: [],
      convocations: [],
    },
    finalResult: null,
    ...overrides,
  };
}
