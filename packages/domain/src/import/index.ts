export {
  type CellReading,
  type CellRefusal,
  type CellRefusalCode,
  type ControlMarkReading,
  readCoefficient,
  readControlCell,
  readFirstGroupCell,
  readTestDomain,
  readYesNo,
} from './import-values.ts';
