import type { Database } from '@rattrapage/api/database';
import { type Kysely, sql } from 'kysely';

/**
 * What PostGraphile needs to answer the same questions as the API, added to
 * the bench database only (never to the API's migrations):
 *
 * - the viewer, found in SQL from the bearer token's SHA-256 (set per
 *   request as `rattrapage.token_sha256`): `current_candidate()` for a live
 *   candidate session (not revoked, before expiry, idle less than 30
 *   minutes, as the API checks it), `current_academy()` for a live académie
 *   API token — PostGraphile's way of doing authentication, in the database;
 * - the averages, as computed columns on candidates: each compulsory test's
 *   mark (its parts weighted by their coefficients), weighted by the test
 *   coefficients, truncated to the hundredth. On the bench's data (plain
 *   marks only) that is the domain's result; the domain's other rules
 *   (exemptions, absences, bénéfices, optional tests, jury decisions,
 *   embargo) are not reproduced, so PostGraphile does less work than the API.
 *
 * Helpers live in their own schema so that PostGraphile, which exposes
 * `public`, does not publish them.
 */
const STATEMENTS = [
  sql`create schema bench_peer`,
  sql`create function bench_peer.token_hash() returns bytea stable language sql as $$
    select decode(nullif(current_setting('rattrapage.token_sha256', true), ''), 'hex')
  $$`,
  sql`create function public.current_candidate() returns public.candidates stable language sql as $$
    select c.* from public.sessions s
    join public.accounts a on a.id = s.account_id
    join public.candidates c on c.id = a.candidate_id
    where s.token_hash = bench_peer.token_hash()
      and s.revoked_at is null and s.expires_at > now()
      and coalesce(s.last_seen_at, s.created_at) > now() - interval '30 minutes'
  $$`,
  sql`create function public.current_academy() returns public.academies stable language sql as $$
    select ac.* from public.api_tokens t
    join public.accounts a on a.id = t.account_id
    join public.academies ac on ac.code = a.academy_code
    where t.token_hash = bench_peer.token_hash()
      and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
  $$`,
  sql`create function bench_peer.test_marks(c public.candidates)
    returns table (domain text, coefficient integer, hundredths numeric)
    stable language sql as $$
    select t.domain, t.coefficient_hundredths, coalesce(
      (select sum(m.hundredths * p.coefficient_hundredths)::numeric / sum(p.coefficient_hundredths)
         from public.test_parts p
         join public.first_group_marks m on m.candidate_id = c.id and m.code = p.code
        where p.year = t.year and p.specialty_code = t.specialty_code and p.test_code = t.code),
      (select m.hundredths from public.first_group_marks m
        where m.candidate_id = c.id and m.code = t.code))
    from public.tests t
    where t.year = c.year and t.specialty_code = c.specialty_code and not t.optional
  $$`,
  sql`create function public.candidates_overall_average(c public.candidates) returns numeric
    stable language sql as $$
    select trunc(sum(hundredths * coefficient) / nullif(sum(coefficient), 0))
    from bench_peer.test_marks(c) where hundredths is not null
  $$`,
  sql`create function public.candidates_professional_average(c public.candidates) returns numeric
    stable language sql as $$
    select trunc(sum(hundredths * coefficient) / nullif(sum(coefficient), 0))
    from bench_peer.test_marks(c) where hundredths is not null and domain = 'PROFESSIONAL'
  $$`,
];

export async function installPeerFunctions(db: Kysely<Database>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
