import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  sessionCandidateCount,
  sessionCandidatesAfter,
} from '../repositories/first-marks.repository.ts';
import { StringPositions } from './string-positions.ts';

/** Candidates read at a time: what memory holds of the query's rows. */
const PAGE = 10_000;
/** A uuid's text: 8-4-4-4-12 hexadecimal digits. */
const ID_BYTES = 36;

/**
 * The session's candidates, found by number as a first import reads its
 * lines, and which of them the file gave marks to. Its size is the
 * session's, never the file's, and it lives outside V8's heap: a number's
 * position (StringPositions), and at that position the id's text, the
 * specialty's index and a byte for « written », in arrays of a page each.
 */
export class SessionCandidates {
  private readonly positions: StringPositions;
  private readonly idPages: Buffer[] = [];
  private readonly specialtyPages: Uint16Array[] = [];
  private readonly specialties: string[] = [];
  private written = new Uint8Array(0);

  private readonly pageSize: number;

  private constructor(expected: number, pageSize: number) {
    this.positions = new StringPositions(expected);
    this.pageSize = pageSize;
  }

  static async load(
    db: Kysely<Database>,
    year: number,
    pageSize = PAGE,
  ): Promise<SessionCandidates> {
    // Sized once: arrays grown by copies would leave their old copies to the collector.
    const all = new SessionCandidates(await sessionCandidateCount(db, year), pageSize);
    let after: string | null = null;
    for (;;) {
      const page = await sessionCandidatesAfter(db, year, after, pageSize);
      const ids = Buffer.alloc(page.length * ID_BYTES);
      const specialties = new Uint16Array(page.length);
      page.forEach((c, i) => {
        // Numbers are unique in a session (the table's key): each one is new here.
        all.positions.add(c.number);
        ids.write(c.id, i * ID_BYTES, ID_BYTES, 'latin1');
        let specialty = all.specialties.indexOf(c.specialtyCode);
        if (specialty === -1) specialty = all.specialties.push(c.specialtyCode) - 1;
        specialties[i] = specialty;
      });
      all.idPages.push(ids);
      all.specialtyPages.push(specialties);
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) break;
      after = last.number;
    }
    all.written = new Uint8Array(all.positions.size);
    return all;
  }

  /** The candidate's position, or undefined for a number the session does not hold. */
  positionOf(number: string): number | undefined {
    return this.positions.positionOf(number);
  }

  idAt(position: number): string {
    const at = (position % this.pageSize) * ID_BYTES;
    const page = this.idPages[Math.floor(position / this.pageSize)];
    return page?.toString('latin1', at, at + ID_BYTES) ?? '';
  }

  specialtyAt(position: number): string {
    const page = this.specialtyPages[Math.floor(position / this.pageSize)];
    const index = page?.[position % this.pageSize];
    return this.specialties[index ?? -1] ?? '';
  }

  noteWritten(position: number): void {
    this.written[position] = 1;
  }

  /** The ids of the candidates noted as written. */
  *writtenIds(): Generator<string> {
    for (let p = 0; p < this.written.length; p += 1) if (this.written[p] === 1) yield this.idAt(p);
  }
}
