/**
 * Bad input given to the domain (a malformed calendar, an unknown specialty,
 * an impossible mark). `code` is stable for programs; `message` is French,
 * for people; `details` lists every problem found, not just the first.
 */
export class DomainInputError extends Error {
  readonly code: string;
  readonly details: readonly string[];

  constructor(code: string, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'DomainInputError';
    this.code = code;
    this.details = details;
  }
}
