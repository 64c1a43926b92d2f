import { encodeGlobalID } from '@pothos/plugin-relay';

/** A candidate's id as the contract gives it (a Relay global id), from its row's id. */
export const candidateGlobalId = (id: string): string => encodeGlobalID('Candidate', id);
