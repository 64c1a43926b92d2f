export {
  type CellReading,
  type CellRefusal,
  type CellRefusalCode,
  type ControlMarkReading,
  INVALID_IDENTIFIER,
  readCandidateNumber,
  readCoefficient,
  readControlCell,
  readFirstGroupCell,
  readTestDomain,
  readUai,
  readYesNo,
} from './import-values.ts';
