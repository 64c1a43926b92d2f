import {
  EVERYTHING_PUBLISHED,
  type ExamSessionCalendar,
  type Publication,
  publicationAt,
  publicationUnlessWithheld,
  specialtiesPublishedAt,
} from '@rattrapage/domain';
import { type Viewer, seesThroughEmbargo } from '../access/viewer.ts';

/**
 * The results embargo for one viewer, in one place: what is published
 * (the domain's publicationAt), nothing of a result held back
 * (`withheld`), except that the pilot académie, which holds the jury and
 * the holds, sees everything before publication. Every path goes through
 * here: GraphQL fields, filters and counts, statistics, PDFs, CSV, e-mails.
 */
export function visibleResults(
  viewer: Viewer | null,
  calendar: ExamSessionCalendar,
  specialtyCode: string,
  now: Date,
  withheld: boolean,
): Publication {
  return seesThroughEmbargo(viewer)
    ? EVERYTHING_PUBLISHED
    : publicationUnlessWithheld(publicationAt(calendar, specialtyCode, now), withheld);
}

/**
 * The specialties of which this viewer may see `what` at `now`; null: all
 * (the pilot). Decided from the clock and the calendar alone, so that an
 * embargoed part of a filter or a count never reaches the data: not even
 * its timing can tell anything.
 */
export function specialtiesVisible(
  viewer: Viewer | null,
  calendar: ExamSessionCalendar,
  now: Date,
  what: keyof Publication,
): readonly string[] | null {
  return seesThroughEmbargo(viewer) ? null : specialtiesPublishedAt(calendar, now, what);
}
