// The floor: the smallest server that answers the questions the API answers,
// with the same authentication and the same rules — a ruler for the bench,
// not a product. node:http and JSON, `pg` with named (prepared) statements,
// the domain for the rules; no GraphQL, no framework, no logging.
//
// A candidate's results (any path but the two below): one statement finds
// the session, the account and the candidate with their marks and jury
// decisions; a second touches the session at most once a minute, as the API
// does.
//
// A log-in (POST /log-in, the GraphQL log-in's body: its variables
// `identifier` and `password`): one statement reads the account and the
// throttle's records of the identifier and the client's address, a lock
// refuses before any check, the API's argon2id check runs on a thread pool
// of the API's size, then the identifier's failures are forgotten and a
// session is opened. A wrong password is refused without being counted
// (the storm it measures has none; the API's failure path is not a ruler's).
//
// DATABASE_URL and PORT from the environment; GET /ready answers 200.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import {
  DEFAULT_SESSION_HOURS,
  TOKEN_PREFIXES,
  addressKey,
  decoyHash,
  delayGrowsFor,
  identifierKey,
  lockedUntil,
  newToken,
  verifyPassword,
} from '@rattrapage/api/accounts';
import { createDatabase } from '@rattrapage/api/database';
import {
  DEFAULT_SESSION_IDLE_MINUTES,
  type SessionReference,
  TOUCH_EVERY_MS,
  hashToken,
  loadSessionReference,
  markEntryOf,
} from '@rattrapage/api/reference';
import {
  type CandidateMarks,
  type FirstGroupOutcome,
  type JuryDecision,
  type MarkEntry,
  decidedFirstGroup,
  publicationAt,
  truncateToHundredths,
  viewAverage,
} from '@rattrapage/domain';
import pg from 'pg';

const connectionString = process.env['DATABASE_URL'];
const port = Number(process.env['PORT']);
if (connectionString === undefined || !Number.isInteger(port)) {
  console.error('DATABASE_URL and PORT are required');
  process.exit(2);
}

// The API's pool holds 10 connections too (apps/api/src/db/database.ts).
const pool = new pg.Pool({ connectionString, max: 10 });
pool.on('connect', (client) => {
  void client.query("set timezone to 'UTC'");
});
const handle = await createDatabase({ url: connectionString, poolSize: 1 });

const VIEWER = {
  name: 'floor-viewer',
  text: `select a.must_change_password, s.last_seen_at,
      (select revision from reference_revision) as revision,
      c.id, c.number, c.year, c.specialty_code,
      (select coalesce(json_agg(json_build_array(m.code, m.status, m.hundredths)), '[]')
         from first_group_marks m where m.candidate_id = c.id) as marks,
      (select json_build_array(j.outcome, j.reason, j.decided_at, d.identifier)
         from jury_decisions j join accounts d on d.id = j.decided_by_account_id
        where j.candidate_id = c.id and j.stage = 'FIRST_GROUP') as jury
    from sessions s
    join accounts a on a.id = s.account_id
    join candidates c on c.id = a.candidate_id
    where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2
      and coalesce(s.last_seen_at, s.created_at) > $3`,
};
const TOUCH = {
  name: 'floor-touch',
  text: `update sessions set last_seen_at = $2 where token_hash = $1
    and (last_seen_at is null or last_seen_at < $2) and created_at <= $2`,
};

const ACCOUNT = {
  name: 'floor-account',
  text: `select a.id, a.password_hash, t.key, t.locked_until
    from (select 1) one
    left join accounts a on a.identifier = $1
    left join login_throttle t on t.key = any($2::text[])`,
};
const FORGET = { name: 'floor-forget', text: 'delete from login_throttle where key = $1' };
const OPEN_SESSION = {
  name: 'floor-open-session',
  text: `insert into sessions (token_hash, account_id, created_at, last_seen_at, expires_at)
    values ($1, $2, $3, $3, $4)`,
};

interface AccountRow {
  readonly id: string | null;
  readonly password_hash: string | null;
  readonly key: string | null;
  readonly locked_until: Date | null;
}

interface ViewerRow {
  readonly must_change_password: boolean;
  readonly last_seen_at: Date | null;
  readonly revision: string;
  readonly number: string;
  readonly year: number;
  readonly specialty_code: string;
  readonly marks: readonly [string, MarkEntry['status'], number | null][];
  readonly jury: readonly [FirstGroupOutcome, string, string, string] | null;
}

// Reference data in memory, reloaded when its revision moves (as the API's cache does).
const references = new Map<number, { revision: string; reference: SessionReference | null }>();
async function referenceOf(year: number, revision: string): Promise<SessionReference | null> {
  const cached = references.get(year);
  if (cached?.revision === revision) return cached.reference;
  const reference = await loadSessionReference(handle.db, year);
  references.set(year, { revision, reference });
  return reference;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function candidateResults(authorization: string | undefined): Promise<[number, unknown]> {
  const token = /^Bearer\s+(\S{1,200})$/i.exec(authorization?.trim() ?? '')?.[1];
  if (token === undefined) return [401, { error: 'UNAUTHENTICATED' }];
  const tokenHash = hashToken(token);
  const now = new Date();
  const idleSince = new Date(now.getTime() - DEFAULT_SESSION_IDLE_MINUTES * 60_000);
  const found = await pool.query<ViewerRow>({ ...VIEWER, values: [tokenHash, now, idleSince] });
  const row = found.rows[0];
  if (row === undefined) return [401, { error: 'UNAUTHENTICATED' }];
  if (row.last_seen_at === null || now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS)
    await pool.query({ ...TOUCH, values: [tokenHash, now] });
  if (row.must_change_password) return [403, { error: 'PASSWORD_CHANGE_REQUIRED' }];

  const reference = await referenceOf(row.year, row.revision);
  const specialty = reference?.specialties.get(row.specialty_code);
  if (reference == null || specialty === undefined) return [500, { error: 'NO_REFERENCE' }];
  if (!publicationAt(reference.calendar, row.specialty_code, now).firstGroupResults)
    return [200, { number: row.number, firstGroup: null }];

  const marks: CandidateMarks = new Map(
    row.marks.map(([code, status, hundredths]) => [code, markEntryOf({ status, hundredths })]),
  );
  const jury: JuryDecision<FirstGroupOutcome> | null =
    row.jury === null
      ? null
      : {
          outcome: row.jury[0],
          reason: row.jury[1],
          decidedAt: new Date(row.jury[2]),
          decidedBy: row.jury[3],
        };
  const decided = decidedFirstGroup(specialty.structure, marks, reference.policy, jury);
  if (decided === null) return [200, { number: row.number, firstGroup: null }];
  const average = (f: typeof decided.overallAverage) =>
    f === null ? null : { hundredths: viewAverage(f).hundredths };
  const testMarks = [];
  for (const test of specialty.structure.tests) {
    const result = decided.averages.tests.find((r) => r.code === test.code)?.result;
    if (result === undefined || result.kind === 'MISSING') continue;
    testMarks.push(
      result.kind === 'COUNTED'
        ? {
            test: { code: test.code },
            status: result.status,
            mark: { hundredths: truncateToHundredths(result.value) },
          }
        : {
            test: { code: test.code },
            status: result.kind === 'EXEMPT' ? 'EXEMPT' : 'ABSENT',
            mark: null,
          },
    );
  }
  return [
    200,
    {
      number: row.number,
      firstGroup: {
        outcome: decided.outcome,
        overallAverage: average(decided.overallAverage),
        professionalAverage: average(decided.professionalAverage),
        marks: testMarks,
      },
    },
  ];
}

function credentialsOf(body: string): { identifier: unknown; password: unknown } {
  try {
    const variables = (JSON.parse(body) as { variables?: Record<string, unknown> }).variables;
    return { identifier: variables?.['identifier'], password: variables?.['password'] };
  } catch {
    return { identifier: undefined, password: undefined };
  }
}

async function logIn(body: string, address: string): Promise<[number, unknown]> {
  const { identifier, password } = credentialsOf(body);
  if (typeof identifier !== 'string' || typeof password !== 'string')
    return [400, { error: 'BAD_REQUEST' }];
  const now = new Date();
  const keys = [identifierKey(identifier), addressKey(address)];
  const found = await pool.query<AccountRow>({ ...ACCOUNT, values: [identifier.trim(), keys] });
  const records = found.rows.flatMap((r) =>
    r.key === null ? [] : [{ key: r.key, lockedUntil: r.locked_until }],
  );
  if (lockedUntil(records, now) !== null) return [429, { error: 'LOCKED' }];
  const account = found.rows[0];
  const hash = account?.password_hash ?? (await decoyHash());
  const valid = await verifyPassword(password, hash);
  if (account?.id == null || !valid) return [401, { error: 'INVALID' }];
  for (const r of records)
    if (delayGrowsFor(r.key)) await pool.query({ ...FORGET, values: [r.key] });
  const token = newToken(TOKEN_PREFIXES.session);
  const expiresAt = new Date(now.getTime() + DEFAULT_SESSION_HOURS * 3_600_000);
  await pool.query({ ...OPEN_SESSION, values: [hashToken(token), account.id, now, expiresAt] });
  return [200, { token }];
}

/** The body as text, up to the API's JSON limit (100 kB); null past it. */
function bodyOf(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 100 * 1024) chunks.push(chunk);
    });
    req.once('end', () => {
      resolve(size > 100 * 1024 ? null : Buffer.concat(chunks).toString());
    });
    req.once('error', reject);
  });
}

function answerWith(res: ServerResponse, work: Promise<[number, unknown]>): void {
  work.then(
    ([status, body]) => {
      answer(res, status, body);
    },
    (error: unknown) => {
      answer(res, 500, { error: error instanceof Error ? error.message : String(error) });
    },
  );
}

const server = createServer((req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ready');
    return;
  }
  if (req.url === '/log-in' && req.method === 'POST') {
    const address = req.socket.remoteAddress ?? 'unknown';
    answerWith(
      res,
      bodyOf(req).then((body) =>
        body === null ? [413, { error: 'TOO_LARGE' }] : logIn(body, address),
      ),
    );
    return;
  }
  // The body is read to its end (keep-alive) and not parsed: a read's question is its token.
  req.resume();
  req.once('end', () => {
    answerWith(res, candidateResults(req.headers.authorization));
  });
});
server.listen(port, '127.0.0.1');

const stop = () => {
  server.close();
  void pool.end();
  void handle.close();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
