import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Kysely } from 'kysely';
import { PasswordAdmission } from '../auth/password-admission.ts';
import type { Clock } from '../clock.ts';
import { type RequestContext, createLoaders } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { findAccountByIdentifier, toViewer } from '../repositories/accounts.repository.ts';
import {
  DOCUMENTS,
  DocumentNotFound,
  DocumentRequestInvalid,
  type ProducedDocument,
} from './document-catalogue.ts';

/**
 * A document produced for an académie's account outside HTTP (the command
 * line): the same producer as /documents/<name>, under the same account's
 * scope and the same embargo at the clock's instant, audited in its name.
 */
export type ProducedForAccount =
  | { readonly kind: 'produced'; readonly document: ProducedDocument }
  | { readonly kind: 'unknownDocument' }
  | { readonly kind: 'notAnAcademy' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'notFound' };

export const DOCUMENT_NAMES: readonly string[] = Object.keys(DOCUMENTS);

/**
 * A candidate named by their number (as the exam office knows them) becomes
 * the global id the producers take; a global id passes through.
 */
async function candidateParam(
  db: Kysely<Database>,
  value: string | undefined,
  year: string | undefined,
): Promise<string | undefined> {
  if (value === undefined || !/^[0-9]{1,20}$/.test(value)) return value;
  // A number names a candidate within a session: without a year, nobody.
  if (year === undefined || !/^[0-9]{4}$/.test(year)) return value;
  const row = await db
    .selectFrom('candidates')
    .select('id')
    .where('number', '=', value)
    .where('year', '=', Number(year))
    .executeTakeFirst();
  // Unknown numbers stay as given: the producer answers « not found ».
  return row === undefined ? value : encodeGlobalID('Candidate', row.id);
}

export async function produceForAccount(
  db: Kysely<Database>,
  clock: Clock,
  input: {
    readonly identifier: string;
    readonly name: string;
    readonly params: Readonly<Record<string, string>>;
  },
): Promise<ProducedForAccount> {
  const produce = Object.hasOwn(DOCUMENTS, input.name) ? DOCUMENTS[input.name] : undefined;
  if (produce === undefined) return { kind: 'unknownDocument' };
  const account = await findAccountByIdentifier(db, input.identifier);
  // Operators act for an académie; candidates and schools have the web site.
  if (account === null || (account.role !== 'ACADEMY' && account.role !== 'PILOT'))
    return { kind: 'notAnAcademy' };
  const viewer = toViewer(account, 'apiToken');
  const params: Record<string, string | undefined> = {
    ...input.params,
    candidate: await candidateParam(db, input.params['candidate'], input.params['year']),
  };
  const ctx: RequestContext = {
    db,
    clock,
    now: clock.now(),
    sessionClock: clock,
    viewer,
    passwordChangeRequired: false,
    token: null,
    clientAddress: 'ligne de commande',
    config: { mode: 'production', sessionHours: 0 },
    passwordAdmission: new PasswordAdmission(),
    loaders: createLoaders(db, viewer),
  };
  try {
    return { kind: 'produced', document: await produce(ctx, (name) => params[name]) };
  } catch (error) {
    if (error instanceof DocumentNotFound) return { kind: 'notFound' };
    if (error instanceof DocumentRequestInvalid) return { kind: 'invalid', message: error.message };
    throw error;
  }
}
