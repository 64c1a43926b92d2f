export {
  type Accommodation,
  type ExtraPreparationRatio,
  type OralTiming,
  describeAccommodation,
  extraPreparationMinutes,
  isValidExtraPreparation,
  oralTimingOf,
} from './oral-timing.ts';
export {
  DEFAULT_MAX_GAP_MINUTES,
  type CandidateToPlan,
  type ExaminedTest,
  type Examiner,
  type IssuedOral,
  type OralPlan,
  type PlacedOral,
  type PlanningInput,
  type Room,
  type UnplacedCandidate,
  type UnplacedReason,
  planControlOrals,
  planningInputProblems,
} from './plan-control-orals.ts';
export { examinerTimeOn } from './examiner-hours.ts';
export {
  type ExamCentre,
  type ExamCentreDeclaration,
  examCentreFor,
  examCentreProblems,
} from './exam-centre.ts';
export {
  MARK_SLIP_IMPORT_COLUMNS,
  MARK_SLIP_READING_COLUMNS,
  type OralSheet,
  type SheetOral,
  markSlipTable,
  markSlips,
  signInSheets,
} from './oral-sheets.ts';
