export {
  type CellReading,
  type ControlMarkReading,
  KEPT_MARK_MINIMUM_HUNDREDTHS,
  readCoefficient,
  readControlCell,
  readFirstGroupCell,
  readTestDomain,
  readYesNo,
} from './import-values.ts';
