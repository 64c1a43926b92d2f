import DataLoader from 'dataloader';
import type { Accommodation } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import { type Viewer, candidateScopeOf } from './access/viewer.ts';
import type { PasswordAdmission } from './auth/password-admission.ts';
import {
  type CandidateRecord,
  type OwnCandidate,
  findCandidatesByIds,
} from './repositories/candidates.repository.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/schema.ts';
import { findAccountsByIds } from './repositories/accounts.repository.ts';
import { type ChoiceRecord, loadChoices } from './repositories/choices.repository.ts';
import {
  type OwnCandidatePage,
  loadOwnCandidatePage,
} from './repositories/own-candidate-page.repository.ts';
import {
  type ConvocationRecord,
  loadConvocations,
} from './repositories/convocations.repository.ts';
import {
  type ControlMarkRecord,
  loadControlMarks,
  type FirstGroupFacts,
  loadFirstGroupFacts,
} from './repositories/marks.repository.ts';
import { NO_JURY_DECISION } from './repositories/jury.repository.ts';
import { loadAccommodations } from './repositories/planning.repository.ts';
import {
  type ChoiceHistoryEntry,
  loadChoiceHistories,
} from './repositories/choice-history.repository.ts';
import {
  type SchoolRecord,
  type SessionReference,
  findSchools,
} from './repositories/reference.repository.ts';
import { currentSessionReferences } from './services/reference-cache.ts';

export interface ApiConfig {
  readonly mode: 'demo' | 'production';
  readonly sessionHours: number;
  /** Idle expiry of sessions, in minutes; 30 when unset (auth/session-activity.ts). */
  readonly sessionIdleMinutes?: number;
  /** Origin of the web site, for links in e-mails; http://localhost:3000 when unset. */
  readonly webOrigin?: string;
  /**
   * Candidates' and schools' sessions may run only the web's own documents
   * (http/trusted-documents.ts). On in every started API unless
   * RATTRAPAGE_TRUSTED_DOCUMENTS=off; tests of the API's rules leave it off
   * to send documents of their own.
   */
  readonly enforceTrustedDocuments?: boolean;
  /**
   * Shared with the web server: with it, the client address the web
   * forwards is believed (http/client-address.ts). Unset: never believed.
   */
  readonly webSecret?: string;
  /**
   * Proxies whose X-Forwarded-For is believed (Express `trust proxy`:
   * addresses, subnets, `loopback`…). None by default.
   */
  readonly trustedProxies?: readonly string[];
}

/**
 * Everything a resolver, a service or a document builder may use, made fresh
 * for each request. It lives outside graphql/ because the layers below the
 * schema (services, documents) take it too, and may not import upward.
 */
export interface RequestContext {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /**
   * The clock read once per request: every embargo and window check of one
   * request sees the same instant, so a response is never half-published.
   */
  readonly now: Date;
  /**
   * Real time, for sessions, tokens and log-in throttling: they are a matter
   * of security, not of the exam calendar, so the demo clock never moves them.
   */
  readonly sessionClock: Clock;
  readonly viewer: Viewer | null;
  /** The account must change its initial password before anything else (graphql/password-change-gate.ts). */
  readonly passwordChangeRequired: boolean;
  /** The bearer token of the request, for logOut. */
  readonly token: string | null;
  readonly clientAddress: string;
  readonly config: ApiConfig;
  readonly loaders: Loaders;
  /** Bounds password checks process-wide (auth/password-admission.ts). */
  readonly passwordAdmission: PasswordAdmission;
}

export interface Loaders {
  readonly reference: DataLoader<number, SessionReference | null>;
  /** Marks and jury decisions together: the first group rests on both (one statement). */
  readonly firstGroupFacts: DataLoader<string, FirstGroupFacts>;
  readonly choices: DataLoader<string, ChoiceRecord | null>;
  readonly convocations: DataLoader<string, readonly ConvocationRecord[]>;
  readonly controlMarks: DataLoader<string, readonly ControlMarkRecord[]>;
  readonly accommodations: DataLoader<string, Accommodation | null>;
  readonly choiceHistories: DataLoader<string, readonly ChoiceHistoryEntry[]>;
  readonly schools: DataLoader<string, SchoolRecord | null>;
  readonly accountIdentifiers: DataLoader<string, string | null>;
  /** Candidates by id, within the viewer's scope (others load as null). */
  readonly candidates: DataLoader<string, CandidateRecord | null>;
  /**
   * The viewer's own candidate's page facts, read once in one statement,
   * when `candidateId` is theirs and the request only reads (readsOnly);
   * null otherwise: each kind is then read by its own loader.
   */
  ownPage(candidateId: string): Promise<OwnCandidatePage> | null;
  /**
   * Says the request writes nothing (a GraphQL query): what is read once
   * for the whole request cannot then miss a write made during it.
   */
  readsOnly(): void;
  /**
   * A root field of a mutation starts. The fields of a mutation run one
   * after the other; past the first, what was read before is forgotten,
   * since a field before this one may have written it.
   */
  mutationFieldStarts(): void;
}

const NO_FACTS: FirstGroupFacts = { marks: new Map(), jury: NO_JURY_DECISION, withheld: false };

function byKey<R>(rows: readonly R[], key: (row: R) => string): Map<string, R> {
  return new Map(rows.map((row) => [key(row), row]));
}

/**
 * Batches per-candidate reads into one query per kind and request (no N+1).
 * Each loader is made when first asked for: most requests use one or two,
 * a log-in none, and under the log-in overload the ten made for every
 * request were a quarter of what outlived V8's young generation
 * (docs/performance.md).
 */
export function createLoaders(
  db: Kysely<Database>,
  viewer: Viewer | null,
  /** The reference revision already read with the session, if any. */
  referenceRevision: bigint | null = null,
  /** The viewer's own candidate and their facts, already read with the session, if any. */
  ownCandidate: OwnCandidate | null = null,
): Loaders {
  return new RequestLoaders(db, viewer, referenceRevision, ownCandidate);
}

/** The loaders themselves, apart from the methods: whatever member is a DataLoader. */
type LoaderKind = {
  [K in keyof Loaders]: Loaders[K] extends DataLoader<never, unknown> ? K : never;
}[keyof Loaders];

class RequestLoaders implements Loaders {
  readonly #db: Kysely<Database>;
  readonly #viewer: Viewer | null;
  #referenceRevision: bigint | null;
  /** Within the viewer's scope by construction: a candidate's scope is themself. */
  #own: OwnCandidate | null;
  /** The loaders made so far, each when first asked for; forgotten all at once. */
  #made: { -readonly [K in LoaderKind]?: Loaders[K] } = {};
  #readsOnly = false;
  #ownPage?: Promise<OwnCandidatePage>;
  #mutationFields = 0;

  constructor(
    db: Kysely<Database>,
    viewer: Viewer | null,
    referenceRevision: bigint | null,
    ownCandidate: OwnCandidate | null,
  ) {
    this.#db = db;
    this.#viewer = viewer;
    this.#referenceRevision = referenceRevision;
    this.#own =
      ownCandidate !== null && ownCandidate.record.id === viewer?.candidateId ? ownCandidate : null;
  }

  readsOnly(): void {
    this.#readsOnly = true;
  }

  mutationFieldStarts(): void {
    this.#mutationFields += 1;
    if (this.#mutationFields > 1) this.#forget();
  }

  /** Every loader made again when next asked for; what came with the session read again too. */
  #forget(): void {
    this.#referenceRevision = null;
    this.#own = null;
    this.#ownPage = undefined;
    this.#made = {};
  }

  ownPage(candidateId: string): Promise<OwnCandidatePage> | null {
    if (!this.#readsOnly || this.#own?.record.id !== candidateId) return null;
    return (this.#ownPage ??= loadOwnCandidatePage(this.#db, candidateId));
  }

  get candidates(): Loaders['candidates'] {
    if (this.#made.candidates !== undefined) return this.#made.candidates;
    const db = this.#db;
    const scope = candidateScopeOf(this.#viewer);
    const loader = new DataLoader<string, CandidateRecord | null>(async (ids) => {
      const rows = byKey(await findCandidatesByIds(db, ids, scope), (r) => r.id);
      return ids.map((id) => rows.get(id) ?? null);
    });
    if (this.#own !== null) loader.prime(this.#own.record.id, this.#own.record);
    return (this.#made.candidates = loader);
  }

  get firstGroupFacts(): Loaders['firstGroupFacts'] {
    if (this.#made.firstGroupFacts !== undefined) return this.#made.firstGroupFacts;
    const db = this.#db;
    const loader = new DataLoader<string, FirstGroupFacts>(async (ids) => {
      const map = await loadFirstGroupFacts(db, ids);
      return ids.map((id) => map.get(id) ?? NO_FACTS);
    });
    if (this.#own !== null) loader.prime(this.#own.record.id, this.#own.facts);
    return (this.#made.firstGroupFacts = loader);
  }

  get reference(): Loaders['reference'] {
    const db = this.#db;
    const revision = this.#referenceRevision;
    return (this.#made.reference ??= new DataLoader((years) =>
      currentSessionReferences(db, years, revision),
    ));
  }

  /**
   * A candidate-keyed kind: the own candidate's part of the page when a batch
   * asks for them alone (a candidate's scope is themself), else one statement
   * for the batch; `absent` for a candidate without any.
   */
  #perCandidate<T>(
    read: (db: Kysely<Database>, ids: readonly string[]) => Promise<Map<string, T>>,
    absent: T,
    part: (page: OwnCandidatePage) => T,
  ): DataLoader<string, T> {
    return new DataLoader(async (ids) => {
      const own = ids.length === 1 && ids[0] !== undefined ? this.ownPage(ids[0]) : null;
      if (own !== null) return [part(await own)];
      const map = await read(this.#db, ids);
      return ids.map((id) => map.get(id) ?? absent);
    });
  }

  get choices(): Loaders['choices'] {
    return (this.#made.choices ??= this.#perCandidate<ChoiceRecord | null>(
      loadChoices,
      null,
      (p) => p.choice,
    ));
  }

  get convocations(): Loaders['convocations'] {
    return (this.#made.convocations ??= this.#perCandidate<readonly ConvocationRecord[]>(
      loadConvocations,
      [],
      (p) => p.convocations,
    ));
  }

  get controlMarks(): Loaders['controlMarks'] {
    return (this.#made.controlMarks ??= this.#perCandidate<readonly ControlMarkRecord[]>(
      loadControlMarks,
      [],
      (p) => p.controlMarks,
    ));
  }

  get choiceHistories(): Loaders['choiceHistories'] {
    return (this.#made.choiceHistories ??= this.#perCandidate<readonly ChoiceHistoryEntry[]>(
      loadChoiceHistories,
      [],
      (p) => p.choiceHistory,
    ));
  }

  get accommodations(): Loaders['accommodations'] {
    return (this.#made.accommodations ??= this.#perCandidate<Accommodation | null>(
      loadAccommodations,
      null,
      (p) => p.accommodation,
    ));
  }

  get schools(): Loaders['schools'] {
    const db = this.#db;
    return (this.#made.schools ??= new DataLoader(async (uais) => {
      const rows = byKey(await findSchools(db, uais), (r) => r.uai);
      return uais.map((uai) => rows.get(uai) ?? null);
    }));
  }

  get accountIdentifiers(): Loaders['accountIdentifiers'] {
    const db = this.#db;
    return (this.#made.accountIdentifiers ??= new DataLoader(async (ids) => {
      const rows = byKey(await findAccountsByIds(db, ids), (r) => r.id);
      return ids.map((id) => rows.get(id)?.identifier ?? null);
    }));
  }
}
