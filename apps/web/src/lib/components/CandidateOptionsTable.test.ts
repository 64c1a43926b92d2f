import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import CandidateOptionsTable from './CandidateOptionsTable.svelte';

const options = [
  {
    tests: [
      { code: 'E1', name: 'Culture générale et expression' },
      { code: 'E3', name: 'CEJM' },
    ],
    reachable: true,
    minimumMarkInBoth: { display: '11,25' },
  },
];

describe('CandidateOptionsTable', () => {
  it.each([
    [1000, 'une moyenne générale de 10,'],
    [1250, 'une moyenne générale de 12,5,'],
  ])('aims at the session’s admission threshold (%i hundredths)', (admittedHundredths, words) => {
    const { body } = render(CandidateOptionsTable, { props: { options, admittedHundredths } });
    expect(body.replace(/\s+/g, ' ')).toContain(words);
    expect(body).toContain('11,25');
  });
});
