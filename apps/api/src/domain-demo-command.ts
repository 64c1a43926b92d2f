// A demo of the domain, in French: the 2024 calendar, the phase of each
// specialty at an instant, and a sample candidate allowed to the control.
//
//   pnpm rattrapage demo                              instant: opening of batch A's window
//   pnpm rattrapage demo --at 2024-07-01T17:30:00Z    an instant (UTC or with an offset)
//   pnpm rattrapage demo --at 2024-07-01T19:30        a Paris wall time
//
// Like the domain, the demo never reads the system clock: the instant is
// either given or taken from the calendar.
import { parseArgs } from 'node:util';
import {
  explainFirstGroup,
  type Batch,
  type CandidateMarks,
  type ExamTest,
  type FirstGroupEvaluation,
  type FirstGroupOutcome,
  type MarkEntry,
  type Phase,
  type TestResult,
  type WindowState,
  DomainInputError,
  MCO_STRUCTURE,
  PHASES,
  academyByCode,
  calendar2024,
  choiceWindow,
  controlOptions,
  eligibleControlTests,
  formatCoefficient,
  formatHundredths,
  formatParisDate,
  formatParisDateTime,
  firstGroupOutcome,
  RULES_2024,
  oralDayFor,
  oralDurationOf,
  parisWallTimeToInstant,
  phaseAt,
  specialtyByCode,
  viewAverage,
  windowState,
} from '@rattrapage/domain';

const USAGE = `Usage : rattrapage demo [--at <instant>]

  --at 2024-07-01T17:30:00Z   instant UTC (ou avec un décalage, +02:00)
  --at 2024-07-01T19:30       heure de Paris
  Par défaut : l’ouverture de la saisie des choix du lot A de 2024.`;

const PHASE_LABELS: Record<Phase, string> = {
  BEFORE_FIRST_GROUP_RESULTS: 'résultats du premier groupe pas encore publiés',
  FIRST_GROUP_PUBLISHED: 'résultats du premier groupe publiés, saisie des choix pas encore ouverte',
  CHOICE_WINDOW_OPEN: 'saisie des choix ouverte',
  CHOICE_WINDOW_CLOSED: 'saisie des choix close, oraux à venir',
  ORALS: 'période des oraux',
  AWAITING_SECOND_GROUP_RESULTS: 'oraux terminés, résultats du second groupe attendus',
  SECOND_GROUP_RESULTS_PUBLISHED: 'résultats du second groupe publiés',
};

const OUTCOME_LABELS: Record<FirstGroupOutcome, string> = {
  ADMITTED: 'admis',
  CONTROL_ALLOWED: 'admis à se présenter aux épreuves de contrôle',
  FAILED: 'ajourné',
};

/** The sample candidate: académie of origin Reims, marks in hundredths. */
const SAMPLE_ACADEMY_CODE = '19';
const mark = (hundredths: number): MarkEntry => ({ status: 'MARK', hundredths });
const SAMPLE_MARKS: CandidateMarks = new Map([
  ['E1', mark(625)],
  ['E21', mark(500)],
  ['E22', mark(700)],
  ['E3', mark(600)],
  ['E41', mark(1200)],
  ['E42', mark(1160)],
  ['E5', mark(1050)],
  ['E6', mark(1150)],
]);

/** Reads --at: an instant with Z or an offset, or else a Paris wall time. */
function parseInstant(text: string): Date {
  if (/(?:Z|[+-]\d{2}:\d{2})$/i.test(text)) {
    const instant = new Date(text);
    if (Number.isNaN(instant.getTime())) {
      throw new DomainInputError('INVALID_INSTANT', `Instant invalide : « ${text} ».`);
    }
    return instant;
  }
  return parisWallTimeToInstant(text);
}

function defaultInstant(): Date {
  const batchA = calendar2024.batches.find((b) => b.id === 'A');
  if (batchA === undefined) throw new Error('Le calendrier 2024 n’a pas de lot A.');
  return batchA.choiceWindow.opensAt;
}

const coefficient = (hundredths: number): string => formatCoefficient(hundredths).replace('.', ',');

function specialtyLabel(code: string): string {
  const name = specialtyByCode(code)?.name;
  return name === undefined ? code : `${code} (${name})`;
}

function academyLabel(code: string): string {
  return `${code} ${academyByCode(code)?.name ?? '?'}`;
}

// ---------------------------------------------------------------- calendar

function printBatch(batch: Batch): void {
  console.log(batch.label);
  console.log(`  Spécialités : ${batch.specialtyCodes.map(specialtyLabel).join(', ')}`);
  console.log(`  Résultats du premier groupe : ${formatParisDateTime(batch.firstGroupResultsAt)}`);
  console.log(
    `  Saisie des choix : du ${formatParisDateTime(batch.choiceWindow.opensAt)}` +
      ` au ${formatParisDateTime(batch.choiceWindow.closesAt)}`,
  );
}

function printOralDays(): void {
  console.log('Jours des oraux (spécialité × académie d’origine)');
  const rows = calendar2024.batches.flatMap((batch) =>
    batch.specialtyCodes.flatMap((code) => {
      const rules = calendar2024.oralDays.filter((r) => r.specialtyCode === code);
      // Académies with a rule of their own first, then everyone else.
      const specific = rules.filter((r) => r.originAcademyCode !== undefined);
      const generic = rules.filter((r) => r.originAcademyCode === undefined);
      return [
        ...specific.map((r) => [code, academyLabel(r.originAcademyCode ?? ''), r.date] as const),
        ...generic.map(
          (r) =>
            [
              code,
              specific.length === 0 ? 'toutes les académies' : 'toutes les autres académies',
              r.date,
            ] as const,
        ),
      ];
    }),
  );
  const header = ['Spécialité', 'Académie d’origine', 'Jour'] as const;
  const width0 = Math.max(header[0].length, ...rows.map((r) => r[0].length));
  const width1 = Math.max(header[1].length, ...rows.map((r) => r[1].length));
  const line = (a: string, b: string, c: string) =>
    `  ${a.padEnd(width0)}  ${b.padEnd(width1)}  ${c}`;
  console.log(line(...header));
  for (const [code, academy, date] of rows) console.log(line(code, academy, formatParisDate(date)));
}

function printCalendar(): void {
  console.log(`Session ${calendar2024.year} – épreuves de contrôle du BTS (heure de Paris)`);
  console.log(
    'Données de démonstration : la répartition des spécialités en lots et les jours des oraux.',
  );
  for (const batch of calendar2024.batches) {
    console.log('');
    printBatch(batch);
  }
  console.log('');
  printOralDays();
  console.log('');
  console.log(
    `Résultats du second groupe : ${formatParisDateTime(calendar2024.secondGroupResultsAt)} (date prévisionnelle)`,
  );
}

function printPhases(at: Date): void {
  console.log(`Phase de chaque spécialité le ${formatParisDateTime(at)} (${at.toISOString()}) :`);
  const codes = calendar2024.batches.flatMap((b) => b.specialtyCodes);
  const width = Math.max(...codes.map((c) => c.length));
  for (const code of codes) {
    const phase = phaseAt(calendar2024, code, at);
    const step = PHASES.indexOf(phase) + 1;
    console.log(`  ${code.padEnd(width)}  ${step}/${PHASES.length} ${PHASE_LABELS[phase]}`);
  }
}

// ---------------------------------------------------------------- candidate

function entryText(entry: MarkEntry | undefined): string {
  if (entry === undefined) return 'note manquante';
  switch (entry.status) {
    case 'MARK':
      return formatHundredths(entry.hundredths);
    case 'KEPT':
      return `${formatHundredths(entry.hundredths)} (bénéfice)`;
    case 'EXEMPT':
      return 'dispensé';
    case 'ABSENT_JUSTIFIED':
      return 'absent justifié (0)';
    case 'ABSENT':
      return 'absent';
  }
}

function resultText(result: TestResult): string {
  switch (result.kind) {
    case 'COUNTED': {
      const value = viewAverage(result.value).display;
      return result.status === 'KEPT' ? `${value} (bénéfice)` : value;
    }
    case 'EXEMPT':
      return 'dispensé';
    case 'ABSENT':
      return 'absent';
    case 'MISSING':
      return `note manquante (${result.missingCodes.join(', ')})`;
  }
}

function printMarks(tests: readonly ExamTest[], results: ReadonlyMap<string, TestResult>): void {
  console.log('  Notes du premier groupe :');
  for (const test of tests) {
    const domain = test.domain === 'GENERAL' ? 'général' : 'professionnel';
    const head = `    ${test.code} ${test.name} (coef. ${coefficient(test.coefficientHundredths)}, ${domain})`;
    if (test.optional) {
      const entry = SAMPLE_MARKS.get(test.code);
      console.log(
        `${head} : ${entry === undefined ? 'non présentée' : entryText(entry)}` +
          ' – facultative : seuls les points au-delà de 10 comptent',
      );
      continue;
    }
    const result = results.get(test.code);
    if (test.parts.length === 0 || SAMPLE_MARKS.has(test.code)) {
      console.log(`${head} : ${result === undefined ? '?' : resultText(result)}`);
      continue;
    }
    const parts = test.parts
      .map((p) => `${p.code} ${entryText(SAMPLE_MARKS.get(p.code))}`)
      .join(' ; ');
    console.log(`${head} : ${parts} → ${result === undefined ? '?' : resultText(result)}`);
  }
}

function explanation(evaluation: Extract<FirstGroupEvaluation, { status: 'DECIDED' }>): string {
  return explainFirstGroup({
    reason: evaluation.reason,
    overall: viewAverage(evaluation.overallAverage).display,
    professional:
      evaluation.professionalAverage === null
        ? null
        : viewAverage(evaluation.professionalAverage).display,
    unjustifiedAbsences: evaluation.unjustifiedAbsences,
  });
}

function windowSentence(state: WindowState): string {
  const w = choiceWindow(calendar2024, MCO_STRUCTURE.specialtyCode);
  switch (state) {
    case 'NOT_OPEN':
      return `La saisie de vos choix ouvrira le ${formatParisDateTime(w.opensAt)}.`;
    case 'OPEN':
      return `La saisie de vos choix est ouverte jusqu’au ${formatParisDateTime(w.closesAt)}.`;
    case 'CLOSED':
      return `La saisie des choix est close depuis le ${formatParisDateTime(w.closesAt)}.`;
  }
}

function printCandidate(at: Date): void {
  const specialty = MCO_STRUCTURE.specialtyCode;
  console.log(
    `Candidat d’exemple : ${specialtyLabel(specialty)}, académie d’origine ${academyLabel(SAMPLE_ACADEMY_CODE)}`,
  );
  const evaluation = firstGroupOutcome(MCO_STRUCTURE, SAMPLE_MARKS);
  if (evaluation.status === 'PENDING') {
    console.log(`  Pas encore de résultat : notes manquantes (${evaluation.missing.join(', ')}).`);
    return;
  }
  if (evaluation.status === 'NOTHING_TO_AVERAGE') {
    console.log('  Pas de résultat : aucune épreuve ne compte (dispensé de toutes).');
    return;
  }
  const results = new Map(evaluation.averages.tests.map((t) => [t.code, t.result]));
  printMarks(MCO_STRUCTURE.tests, results);

  const overall = viewAverage(evaluation.overallAverage);
  console.log(
    `  Moyenne générale : ${overall.display} (valeur exacte ${overall.exact}, affichage tronqué)`,
  );
  if (evaluation.professionalAverage !== null) {
    const professional = viewAverage(evaluation.professionalAverage);
    console.log(
      `  Moyenne du domaine professionnel : ${professional.display} (valeur exacte ${professional.exact})`,
    );
  }
  console.log(`  Résultat du premier groupe : ${OUTCOME_LABELS[evaluation.outcome]}`);
  console.log(`  « ${explanation(evaluation)} »`);
  if (evaluation.outcome !== 'CONTROL_ALLOWED') return;

  console.log('');
  console.log('  Aide au choix des deux épreuves (la meilleure des deux notes est retenue) :');
  for (const option of controlOptions(MCO_STRUCTURE, SAMPLE_MARKS)) {
    const [a, b] = option.tests;
    const advice =
      option.minimumMarkInBoth === null
        ? 'hors de portée : même 20 aux deux oraux ne suffirait pas'
        : `il vous faut au moins ${formatHundredths(option.minimumMarkInBoth)} aux deux oraux`;
    console.log(`    ${a.code} ${a.name} + ${b.code} ${b.name} : ${advice}`);
  }
  const durations = eligibleControlTests(MCO_STRUCTURE, SAMPLE_MARKS).map((t) => {
    const d = oralDurationOf(t, RULES_2024.oralDurations);
    return `${t.code} ${d.preparationMinutes} + ${d.oralMinutes} min`;
  });
  console.log(`  Préparation + oral : ${durations.join(' ; ')}.`);
  const day = oralDayFor(calendar2024, specialty, SAMPLE_ACADEMY_CODE);
  console.log(`  Vos oraux auront lieu le ${formatParisDate(day)}.`);
  console.log(`  ${windowSentence(windowState(choiceWindow(calendar2024, specialty), at))}`);
}

// ---------------------------------------------------------------- main

function main(argv: readonly string[]): number {
  let at: Date;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { at: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      console.log(USAGE);
      return 0;
    }
    at = values.at === undefined ? defaultInstant() : parseInstant(values.at);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${message}\n\n${USAGE}`);
    return 2;
  }
  printCalendar();
  console.log('');
  printPhases(at);
  console.log('');
  printCandidate(at);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
