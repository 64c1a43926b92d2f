import { ACADEMIES, academyByCode } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertAcademyAccount } from '../repositories/accounts.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { ensureAcademies } from '../repositories/session.repository.ts';

export interface NewAcademyAccount {
  readonly identifier: string;
  /** ACADEMY or PILOT; anything else is refused (it comes from a command line). */
  readonly role: string;
  readonly academyCode: string;
}

export type CreateAccountOutcome =
  | {
      readonly kind: 'created';
      readonly accountId: string;
      readonly identifier: string;
      /** Shown once: only its argon2id hash is stored. */
      readonly password: string;
    }
  | { readonly kind: 'identifierTaken'; readonly identifier: string }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

/**
 * Creates an académie account (partner ACADEMY or PILOT) with a generated
 * password, in one transaction with its audit entry. The password is hashed
 * before the transaction (argon2id is slow by design) and returned once.
 */
export async function createAcademyAccount(
  db: Kysely<Database>,
  account: NewAcademyAccount,
  actor: {
    readonly at: Date;
    readonly who: string;
    readonly generatePassword: () => string;
    readonly hashPassword: (password: string) => Promise<string>;
  },
): Promise<CreateAccountOutcome> {
  const identifier = account.identifier.trim();
  const problems: string[] = [];
  if (identifier === '') problems.push('L’identifiant est vide.');
  const role = account.role === 'ACADEMY' || account.role === 'PILOT' ? account.role : null;
  if (role === null) problems.push(`Rôle inconnu : ${account.role} (ACADEMY ou PILOT).`);
  if (academyByCode(account.academyCode) === undefined)
    problems.push(`Académie inconnue : ${account.academyCode}.`);
  if (role === null || problems.length > 0) return { kind: 'invalid', problems };

  const password = actor.generatePassword();
  const passwordHash = await actor.hashPassword(password);
  return db.transaction().execute(async (trx) => {
    // The account may be created before the session is defined: the
    // académies are reference data, inserted once.
    await ensureAcademies(trx, ACADEMIES);
    const created = await insertAcademyAccount(trx, {
      identifier,
      passwordHash,
      role,
      academyCode: account.academyCode,
      createdAt: actor.at,
    });
    if (created === null) return { kind: 'identifierTaken', identifier } as const;
    await appendAudit(trx, {
      at: actor.at,
      actorAccountId: null,
      actorRole: null,
      action: 'ACCOUNT_CREATED',
      after: {
        by: actor.who,
        accountId: created.id,
        identifier,
        role,
        academyCode: account.academyCode,
      },
    });
    return { kind: 'created', accountId: created.id, identifier, password } as const;
  });
}
