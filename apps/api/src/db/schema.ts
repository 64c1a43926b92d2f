import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { FirstGroupOutcome, MarkStatus, TestDomain } from '@rattrapage/domain';

/**
 * Row types of the tables created by the migrations (snake_case, as in SQL).
 * The constraints that make bad states impossible live in the migration;
 * these types only say what a query reads and may write.
 */

/** timestamptz: read as a Date; written as a Date or an ISO 8601 string. */
export type Instant = ColumnType<Date, Date | string, Date | string>;
/** timestamptz with a default (now()). */
export type InstantDefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
/** date: a calendar day "YYYY-MM-DD", never a Date (see value-parsers.ts). */
export type CalendarDay = string;
/** bytea: pg reads a Buffer, PGlite a Uint8Array; both accept either. */
export type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/**
 * jsonb, written as JSON text (see `jsonText`): pg would turn a JS array
 * into a Postgres array literal, so passing values through unchanged is not
 * portable between the two backends.
 */
export type Json = ColumnType<JsonValue, string, string>;

export type Role = 'CANDIDATE' | 'SCHOOL' | 'ACADEMY' | 'PILOT';
export type Channel = 'CANDIDATE_SPACE' | 'SCHOOL';
export type ControlMarkStatus = 'MARK' | 'ABSENT';

export interface AcademiesTable {
  code: string;
  name: string;
}

export interface ExamSessionsTable {
  year: number;
  second_group_results_at: Instant;
  /** The session's `RuleSet`, checked by the domain's `ruleSetFrom` on every write and read. */
  rules: Json;
}

export interface PublicationBatchesTable {
  year: number;
  id: string;
  label: string;
  first_group_results_at: Instant;
  choice_opens_at: Instant;
  choice_closes_at: Instant;
}

export interface SpecialtiesTable {
  year: number;
  code: string;
  name: string;
  pilot_academy_code: string;
  batch_id: string;
}

export interface TestsTable {
  year: number;
  specialty_code: string;
  code: string;
  name: string;
  coefficient_hundredths: number;
  domain: TestDomain;
  optional: boolean;
  control_eligible: boolean;
  /** A modern-language test: its control oral is 10 + 10 minutes. Default false. */
  language: Generated<boolean>;
  position: number;
  /** The bloc de compétences the test belongs to (migration 2026120701); null with its parts in blocks, or none. */
  block_code: string | null;
  block_name: string | null;
}

export interface TestPartsTable {
  year: number;
  specialty_code: string;
  test_code: string;
  code: string;
  name: string;
  coefficient_hundredths: number;
  position: number;
  block_code: string | null;
  block_name: string | null;
}

/** A row with no académie is the specialty's day for every académie without a row of its own. */
export interface OralDaysTable {
  year: number;
  specialty_code: string;
  academy_code: string | null;
  day: CalendarDay;
}

export interface SchoolsTable {
  uai: string;
  name: string;
  academy_code: string;
}

export interface CandidatesTable {
  id: Generated<string>;
  year: number;
  number: string;
  last_name: string;
  first_name: string;
  individual: boolean;
  specialty_code: string;
  origin_academy_code: string;
  school_uai: string | null;
  email: string | null;
  /**
   * The domain's outcome for the stored marks, cached for SQL filtering and
   * counting; null until computed, or when a mark is missing.
   */
  first_group_outcome: ColumnType<
    FirstGroupOutcome | null,
    FirstGroupOutcome | null | undefined,
    FirstGroupOutcome | null
  >;
}

/** `code` is a test code, or a part code for a test with parts (as in the domain's CandidateMarks). */
export interface FirstGroupMarksTable {
  candidate_id: string;
  code: string;
  status: MarkStatus;
  hundredths: number | null;
}

export interface AccountsTable {
  id: Generated<string>;
  identifier: string;
  password_hash: string;
  role: Role;
  candidate_id: string | null;
  school_uai: string | null;
  academy_code: string | null;
  created_at: InstantDefaultNow;
  /** Set for imported accounts: every operation but viewer, logOut and changePassword is refused until changed. */
  must_change_password: Generated<boolean>;
}

export interface SessionsTable {
  token_hash: Bytes;
  account_id: string;
  created_at: InstantDefaultNow;
  expires_at: Instant;
  revoked_at: Instant | null;
  /** Null until the first request; written at most once a minute (idle expiry). */
  last_seen_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/**
 * `account_role` repeats the account's role so that a composite foreign key
 * can hold API tokens to académie accounts (ACADEMY or PILOT) only.
 */
export interface ApiTokensTable {
  token_hash: Bytes;
  account_id: string;
  account_role: 'ACADEMY' | 'PILOT';
  label: string;
  created_at: InstantDefaultNow;
  expires_at: Instant | null;
  revoked_at: Instant | null;
}

/** Keys are `id:<identifier>` or `ip:<address>`, and `reset:id:…`/`reset:ip:…` for password resets. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: Instant;
  locked_until: Instant | null;
}

/**
 * The two tests are stored sorted (test_code_1 < test_code_2); `individual`
 * repeats the candidate's flag so that a check can refuse a SCHOOL entry
 * for an individual candidate.
 */
export interface ControlChoicesTable {
  candidate_id: string;
  individual: boolean;
  test_code_1: string;
  test_code_2: string;
  channel: Channel;
  entered_at: Instant;
  entered_by_account_id: string;
  /** Set when the exam office recorded the choice after the deadline (migration 2026120401). */
  late_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ConvocationsTable {
  candidate_id: string;
  test_code: string;
  preparation_starts_at: Instant;
  starts_at: Instant;
  ends_at: Instant;
  place: string;
  issued_at: InstantDefaultNow;
  /** Null on convocations issued before the planner knew rooms. */
  room: ColumnType<string | null, string | null | undefined, string | null>;
  examiner: ColumnType<string | null, string | null | undefined, string | null>;
  extra_preparation_minutes: Generated<number>;
  accommodation: ColumnType<string | null, string | null | undefined, string | null>;
  /** The exam centre at issue time; all four null when none was declared. */
  centre_name: ColumnType<string | null, string | null | undefined, string | null>;
  centre_street: ColumnType<string | null, string | null | undefined, string | null>;
  centre_postcode: ColumnType<string | null, string | null | undefined, string | null>;
  centre_city: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ControlMarksTable {
  candidate_id: string;
  test_code: string;
  status: ControlMarkStatus;
  hundredths: number | null;
  recorded_at: InstantDefaultNow;
  recorded_by_account_id: string;
}

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export interface AuditLogTable {
  id: GeneratedAlways<number>;
  at: InstantDefaultNow;
  actor_account_id: string | null;
  actor_role: Role | null;
  action: string;
  channel: Channel | null;
  candidate_id: string | null;
  before: Json | null;
  after: Json | null;
}

export interface Database {
  academies: AcademiesTable;
  exam_sessions: ExamSessionsTable;
  publication_batches: PublicationBatchesTable;
  specialties: SpecialtiesTable;
  tests: TestsTable;
  test_parts: TestPartsTable;
  oral_days: OralDaysTable;
  schools: SchoolsTable;
  candidates: CandidatesTable;
  first_group_marks: FirstGroupMarksTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  control_choices: ControlChoicesTable;
  convocations: ConvocationsTable;
  control_marks: ControlMarksTable;
  audit_log: AuditLogTable;
  examiners: ExaminersTable;
  examiner_tests: ExaminerTestsTable;
  rooms: RoomsTable;
  exam_centres: ExamCentresTable;
  candidate_accommodations: CandidateAccommodationsTable;
  outbox: OutboxTable;
  jury_decisions: JuryDecisionsTable;
  import_runs: ImportRunsTable;
  password_resets: PasswordResetsTable;
  calendar_links: CalendarLinksTable;
  admission_list_consents: AdmissionListConsentsTable;
  withheld_results: WithheldResultsTable;
  attestations: AttestationsTable;
  juries: JuriesTable;
  signed_minutes: SignedMinutesTable;
  reference_revision: ReferenceRevisionTable;
}

/** One row: bumped by triggers on every write to the reference tables (migration 2026112907). */
export interface ReferenceRevisionTable {
  singleton: boolean;
  revision: number | bigint;
}

export type ImportKindName = 'SCHOOLS' | 'CANDIDATES' | 'STRUCTURES' | 'MARKS' | 'CONTROL_MARKS';

/** One accepted CSV import; inserted + updated + unchanged = rows (a check holds it). */
export interface ImportRunsTable {
  id: GeneratedAlways<number>;
  year: number;
  kind: ImportKindName;
  file_sha256: string;
  actor_account_id: string | null;
  at: InstantDefaultNow;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The latest jury decision per candidate and stage; the history is in audit_log. */
export interface JuryDecisionsTable {
  candidate_id: string;
  stage: 'FIRST_GROUP' | 'FINAL';
  outcome: 'ADMITTED' | 'CONTROL_ALLOWED' | 'FAILED';
  reason: string;
  decided_at: Instant;
  decided_by_account_id: string;
}

export type OutboxKind =
  | 'CHOICE_RECEIPT'
  | 'CONVOCATION'
  | 'FIRST_GROUP_PUBLISHED'
  | 'SECOND_GROUP_PUBLISHED'
  | 'WINDOW_REMINDER'
  | 'PASSWORD_RESET'
  | 'CALENDAR_AMENDED';

/** A notification to send (notifications/worker.ts); dead_at: given up (dead letter). */
export interface OutboxTable {
  id: GeneratedAlways<number>;
  kind: OutboxKind;
  dedupe_key: string;
  candidate_id: string | null;
  recipient: string;
  subject: string;
  body: string;
  created_at: InstantDefaultNow;
  attempts: Generated<number>;
  next_attempt_at: Instant;
  last_error: string | null;
  sent_at: Instant | null;
  dead_at: Instant | null;
  locked_until: Instant | null;
  locked_by: string | null;
}

/** Hours are instants on the examiner's Paris `day` (checked by the migration). */
export interface ExaminersTable {
  id: Generated<string>;
  year: number;
  academy_code: string;
  name: string;
  day: CalendarDay;
  available_from: Instant;
  available_until: Instant;
}

export interface ExaminerTestsTable {
  examiner_id: string;
  year: number;
  specialty_code: string;
  test_code: string;
}

/** One row per specialty and day: where an académie holds those orals. */
export interface ExamCentresTable {
  year: number;
  academy_code: string;
  day: CalendarDay;
  specialty_code: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
}

export interface RoomsTable {
  id: Generated<string>;
  year: number;
  academy_code: string;
  name: string;
  accessible: boolean;
}

/** Extra preparation time as an exact fraction (numerator 0: none). */
export interface CandidateAccommodationsTable {
  candidate_id: string;
  extra_preparation_numerator: Generated<number>;
  extra_preparation_denominator: Generated<number>;
  accessible_room_required: boolean;
  note: string | null;
}

/** A one-time password-reset link: only the SHA-256 of its token is stored. */
/** A candidate's consent to be named on the public list of admitted candidates, while given. */
export interface AdmissionListConsentsTable {
  candidate_id: string;
  given_at: Instant;
}

/** An attestation de réussite's verification code (migration 2026120602), kept once drawn. */
export interface AttestationsTable {
  candidate_id: string;
  code: string;
  issued_at: Instant;
}

/** A result the pilot académie holds back (migration 2026120601): a row while held. */
export interface WithheldResultsTable {
  candidate_id: string;
  reason: string;
  withheld_at: Instant;
  withheld_by_account_id: string;
}

/** A candidate's secret calendar link: its SHA-256 only; one not revoked per candidate. */
export interface CalendarLinksTable {
  token_hash: Bytes;
  candidate_id: string;
  created_at: Instant;
  revoked_at: Instant | null;
}

export interface PasswordResetsTable {
  token_hash: Bytes;
  account_id: string;
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

/** Who sat on a jury and the day it deliberated (migration 2026120702). */
export interface JuriesTable {
  year: number;
  specialty_code: string;
  stage: 'FIRST_GROUP' | 'FINAL';
  president: string;
  /** A JSON array of names. */
  members: Json;
  deliberated_on: CalendarDay;
  recorded_at: Instant;
  recorded_by_account_id: string;
}

/** A signed minute as scanned, archived once; a trigger refuses any update or delete. */
export interface SignedMinutesTable {
  id: GeneratedAlways<number>;
  year: number;
  specialty_code: string;
  stage: 'FIRST_GROUP' | 'FINAL';
  version: number;
  sha256: string;
  pdf: Bytes;
  archived_at: Instant;
  archived_by_account_id: string;
}
