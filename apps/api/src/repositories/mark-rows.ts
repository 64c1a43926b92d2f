import type { MarkEntry } from '@rattrapage/domain';
import type { Selectable } from 'kysely';
import type { FirstGroupMarksTable } from '../db/schema.ts';

/** The columns that hold one first-group mark: its status, and hundredths for a mark. */
export type MarkColumns = Pick<Selectable<FirstGroupMarksTable>, 'status' | 'hundredths'>;

/**
 * The one conversion between the domain's mark entries and their columns,
 * both ways: every read and every write of first_group_marks (and of the
 * import's staging table, which has the same two columns) goes through it.
 */
export function markColumnsOf(entry: MarkEntry): MarkColumns {
  return {
    status: entry.status,
    hundredths: entry.status === 'MARK' || entry.status === 'KEPT' ? entry.hundredths : null,
  };
}

export function markEntryOf(row: MarkColumns): MarkEntry {
  switch (row.status) {
    case 'MARK':
    case 'KEPT':
      // The table's check makes hundredths non-null exactly for these two.
      return { status: row.status, hundredths: row.hundredths ?? 0 };
    case 'EXEMPT':
    case 'ABSENT_JUSTIFIED':
    case 'ABSENT':
      return { status: row.status };
  }
}
