import type { Accommodation } from '@rattrapage/domain';
import { type Kysely, sql } from 'kysely';
import { precompiled } from '../db/precompiled-query.ts';
import type { Database } from '../db/schema.ts';
import { type ChoiceHistoryEntry, choiceHistoryEntryOf } from './choice-history.repository.ts';
import { CHOICE_AUDIT_ACTIONS, type ChoiceRecord, choiceOf } from './choices.repository.ts';
import { type ConvocationRecord, convocationOf } from './convocations.repository.ts';
import { type ControlMarkRecord, controlMarkOf } from './marks.repository.ts';
import { accommodationOf } from './planning.repository.ts';

/**
 * What a candidate's own page reads of them besides their marks (which come
 * with the session): each kind as its own reader gives it.
 */
export interface OwnCandidatePage {
  readonly accommodation: Accommodation | null;
  readonly choice: ChoiceRecord | null;
  readonly choiceHistory: readonly ChoiceHistoryEntry[];
  readonly controlMarks: readonly ControlMarkRecord[];
  readonly convocations: readonly ConvocationRecord[];
  readonly calendarLinkCreatedAt: Date | null;
  readonly admissionConsentGivenAt: Date | null;
  /** Null until the attestation's code is first drawn (attestations.repository.ts). */
  readonly attestationCode: string | null;
}

// Each kind's rows arrive as JSON objects under their column names; these
// columns are instants, written by PostgreSQL in ISO 8601 with their offset.
const INSTANTS = new Set([
  'entered_at',
  'at',
  'recorded_at',
  'preparation_starts_at',
  'starts_at',
  'ends_at',
  'issued_at',
]);

const CHOICE_ACTIONS = sql.join(Object.values(CHOICE_AUDIT_ACTIONS).map((a) => sql.lit(a)));

type JsonRow = Record<string, unknown>;

function revived(row: JsonRow): JsonRow {
  const out: JsonRow = {};
  for (const [key, value] of Object.entries(row))
    out[key] = INSTANTS.has(key) && typeof value === 'string' ? new Date(value) : value;
  return out;
}

/** A kind's rows through its reader's conversion (the statement selects its reader's columns). */
function converted<T>(json: readonly JsonRow[] | null, convert: (row: never) => T): T[] {
  return (json ?? []).map((row) => convert(revived(row) as never));
}

interface PageRow {
  readonly accommodations: JsonRow[] | null;
  readonly choices: JsonRow[] | null;
  readonly history: JsonRow[] | null;
  readonly control_marks: JsonRow[] | null;
  readonly convocations: JsonRow[] | null;
  readonly calendar_link_created_at: Date | null;
  readonly consent_given_at: Date | null;
  readonly attestation_code: string | null;
}

// Built and compiled once (db/precompiled-query.ts): every visit of a
// candidate's page runs it.
const pageStatement = precompiled((_db, candidateId: string) => {
  const id = sql`${candidateId}::uuid`;
  return sql<PageRow>`select
    (select json_agg(x) from (select extra_preparation_numerator, extra_preparation_denominator,
        accessible_room_required, note
      from candidate_accommodations where candidate_id = ${id}) x) as accommodations,
    (select json_agg(x) from (select ch.candidate_id, ch.test_code_1, ch.test_code_2, ch.channel,
        ch.entered_at, ch.entered_by_account_id, ch.late_reason, a.identifier
      from control_choices ch join accounts a on a.id = ch.entered_by_account_id
      where ch.candidate_id = ${id}) x) as choices,
    (select json_agg(x order by x.at, x.id) from (select id, at, actor_role, channel, after
      from audit_log where candidate_id = ${id}
        and action in (${CHOICE_ACTIONS})) x) as history,
    (select json_agg(x order by x.test_code) from (select test_code, status, hundredths, recorded_at
      from control_marks where candidate_id = ${id}) x) as control_marks,
    (select json_agg(x order by x.starts_at) from (select candidate_id, test_code,
        preparation_starts_at, starts_at, ends_at, place, issued_at, room, examiner,
        extra_preparation_minutes, accommodation, centre_name, centre_street, centre_postcode,
        centre_city
      from convocations where candidate_id = ${id}) x) as convocations,
    (select created_at from calendar_links where candidate_id = ${id} and revoked_at is null
      limit 1) as calendar_link_created_at,
    (select given_at from admission_list_consents where candidate_id = ${id}) as consent_given_at,
    (select code from attestations where candidate_id = ${id}) as attestation_code`;
}, 1);

/**
 * One candidate's page facts in one statement: a candidate's page asked
 * them kind by kind, six statements or more a visit besides the session's
 * (docs/performance.md). Each kind selects the columns and the order its
 * own reader selects, and goes through that reader's conversion.
 */
export async function loadOwnCandidatePage(
  db: Kysely<Database>,
  candidateId: string,
): Promise<OwnCandidatePage> {
  const [row] = await pageStatement(db, candidateId);
  if (row === undefined) throw new Error('the page statement returned no row');
  return {
    accommodation: converted(row.accommodations, accommodationOf)[0] ?? null,
    choice: converted(row.choices, choiceOf)[0] ?? null,
    choiceHistory: converted(row.history, choiceHistoryEntryOf).filter((entry) => entry !== null),
    controlMarks: converted(row.control_marks, controlMarkOf),
    convocations: converted(row.convocations, convocationOf),
    calendarLinkCreatedAt: row.calendar_link_created_at,
    admissionConsentGivenAt: row.consent_given_at,
    attestationCode: row.attestation_code,
  };
}
