// Importing each type file registers its types; order matters only for
// files that use another's refs at import time.
import './scalars.ts';
import './error.ts';
import './reference.ts';
import './candidate.ts';
import './results.ts';
import './account.ts';
import './control.ts';
import './choice-history.ts';
import './planning.ts';
import './clock.ts';
import './jury.ts';
import './statistics.ts';
import './exports.ts';
import './import.ts';
import './calendar-amendment.ts';
import './calendar-link.ts';
import './rule-set.ts';
import './admission-list.ts';
import './withholding.ts';
import './oral-paper.ts';
import './attestation.ts';
import './jury-minutes.ts';
import { builder } from '../builder.ts';
import { freshReadsBetweenMutations } from '../fresh-reads-between-mutations.ts';
import { gatePasswordChange } from '../password-change-gate.ts';

builder.queryType({});
builder.mutationType({});

export const schema = gatePasswordChange(
  freshReadsBetweenMutations(builder.toSchema({ sortSchema: true })),
);
