export { APOSTROPHE, academyOfName, deName } from './academy-name.ts';
export { accommodationLines } from './accommodation.ts';
export { averageShortfallNote } from './average-notes.ts';
export {
  AVERAGES_TRUNCATED,
  AVERAGE_NOT_COMPUTABLE,
  AVERAGE_LABELS,
  CHANNEL_BY_LABELS,
  CHANNEL_LABELS,
  CHANNEL_TO_CANDIDATE_LABELS,
  CHOICE_AUTHOR_LABELS,
  FINAL_OUTCOME_LABELS,
  FIRST_GROUP_OUTCOME_LABELS,
  LATE_CHOICE_NOTE,
  MARK_STATUS_LABELS,
  NO_CHOICE_BY_DEADLINE,
  NO_VALUE,
  RESULT_STATE_LABELS,
  WINDOW_STATE_LABELS,
  choiceChannelText,
  markCellText,
  unplacedReasonText,
} from './labels.ts';
export { examCentreLines, placeText } from './place.ts';
