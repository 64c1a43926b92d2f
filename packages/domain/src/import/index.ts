export {
  type CellReading,
  type ControlMarkReading,
  INVALID_IDENTIFIER,
  KEPT_MARK_MINIMUM_HUNDREDTHS,
  readCandidateNumber,
  readCoefficient,
  readControlCell,
  readFirstGroupCell,
  readTestDomain,
  readUai,
  readYesNo,
} from './import-values.ts';
