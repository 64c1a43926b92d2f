import { createHash } from 'node:crypto';
import { print } from '@0no-co/graphql.web';
import type { DocumentNode } from '@0no-co/graphql.web';

export interface TrustedDocument {
  /** `sha256:` and the hex SHA-256 of the text: the id the API knows it by. */
  readonly id: string;
  readonly text: string;
}

const known = new WeakMap<DocumentNode, TrustedDocument>();

/** A document as the web sends it (its id) and as the API's manifest holds it (its text). */
export function trustedDocument(document: DocumentNode): TrustedDocument {
  let entry = known.get(document);
  if (entry === undefined) {
    const text = print(document);
    entry = { id: `sha256:${createHash('sha256').update(text).digest('hex')}`, text };
    known.set(document, entry);
  }
  return entry;
}
