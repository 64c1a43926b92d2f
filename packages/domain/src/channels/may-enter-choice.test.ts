import { describe, it, expect } from 'vitest';
import type { ChoiceActor, ChoiceEntryPermission, ChoiceSubject } from './may-enter-choice.ts';
import { mayEnterChoice } from './may-enter-choice.ts';

const SCHOOL = '0511234A';
const OTHER_SCHOOL = '0519999Z';

const subjects = {
  schoolCandidate: { candidateId: 'C1', individual: false, schoolUai: SCHOOL },
  individual: { candidateId: 'C1', individual: true, schoolUai: null },
  // Inconsistent record: flagged individual yet attached to a school.
  individualWithSchool: { candidateId: 'C1', individual: true, schoolUai: SCHOOL },
  // Inconsistent record: not individual, yet no school known.
  schoolCandidateWithoutSchool: { candidateId: 'C1', individual: false, schoolUai: null },
} satisfies Record<string, ChoiceSubject>;

const actors = {
  self: { kind: 'candidate', candidateId: 'C1' },
  otherCandidate: { kind: 'candidate', candidateId: 'C2' },
  ownSchool: { kind: 'school', schoolUai: SCHOOL },
  otherSchool: { kind: 'school', schoolUai: OTHER_SCHOOL },
} satisfies Record<string, ChoiceActor>;

const OK_CANDIDATE: ChoiceEntryPermission = { ok: true, channel: 'CANDIDATE_SPACE' };
const OK_SCHOOL: ChoiceEntryPermission = { ok: true, channel: 'SCHOOL' };
const refused = (
  reason: 'NOT_OWN_CANDIDATE' | 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL' | 'NOT_THE_CANDIDATE',
): ChoiceEntryPermission => ({
  ok: false,
  refusal: { code: reason },
});

describe('mayEnterChoice: every subject × actor', () => {
  it.each<[keyof typeof subjects, keyof typeof actors, ChoiceEntryPermission]>([
    ['schoolCandidate', 'self', OK_CANDIDATE],
    ['schoolCandidate', 'otherCandidate', refused('NOT_THE_CANDIDATE')],
    ['schoolCandidate', 'ownSchool', OK_SCHOOL],
    ['schoolCandidate', 'otherSchool', refused('NOT_OWN_CANDIDATE')],
    ['individual', 'self', OK_CANDIDATE],
    ['individual', 'otherCandidate', refused('NOT_THE_CANDIDATE')],
    ['individual', 'ownSchool', refused('INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL')],
    ['individual', 'otherSchool', refused('INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL')],
    ['individualWithSchool', 'self', OK_CANDIDATE],
    ['individualWithSchool', 'otherCandidate', refused('NOT_THE_CANDIDATE')],
    ['individualWithSchool', 'ownSchool', refused('INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL')],
    ['individualWithSchool', 'otherSchool', refused('INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL')],
    ['schoolCandidateWithoutSchool', 'self', OK_CANDIDATE],
    ['schoolCandidateWithoutSchool', 'otherCandidate', refused('NOT_THE_CANDIDATE')],
    ['schoolCandidateWithoutSchool', 'ownSchool', refused('NOT_OWN_CANDIDATE')],
    ['schoolCandidateWithoutSchool', 'otherSchool', refused('NOT_OWN_CANDIDATE')],
  ])('%s, entered by %s', (subject, actor, expected) => {
    expect(mayEnterChoice(subjects[subject], actors[actor])).toEqual(expected);
  });

  it('never matches empty identifiers', () => {
    expect(
      mayEnterChoice(
        { candidateId: '', individual: true, schoolUai: null },
        { kind: 'candidate', candidateId: '' },
      ),
    ).toEqual(refused('NOT_THE_CANDIDATE'));
    expect(
      mayEnterChoice(
        { candidateId: 'C1', individual: false, schoolUai: '' },
        { kind: 'school', schoolUai: '' },
      ),
    ).toEqual(refused('NOT_OWN_CANDIDATE'));
  });

  it('matches the UAI exactly', () => {
    expect(
      mayEnterChoice(subjects.schoolCandidate, { kind: 'school', schoolUai: SCHOOL.toLowerCase() }),
    ).toEqual(refused('NOT_OWN_CANDIDATE'));
  });
});
