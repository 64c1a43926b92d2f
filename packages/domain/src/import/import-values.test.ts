import { describe, expect, it } from 'vitest';
import {
  readCandidateNumber,
  readCoefficient,
  readControlCell,
  readFirstGroupCell,
  readTestDomain,
  readUai,
  readYesNo,
} from './import-values.ts';

describe('readFirstGroupCell', () => {
  it.each([
    ['12', { status: 'MARK', hundredths: 1200 }],
    ['12,5', { status: 'MARK', hundredths: 1250 }],
    ['12,75', { status: 'MARK', hundredths: 1275 }],
    ['09,05', { status: 'MARK', hundredths: 905 }],
    ['0', { status: 'MARK', hundredths: 0 }],
    ['20', { status: 'MARK', hundredths: 2000 }],
    ['20,00', { status: 'MARK', hundredths: 2000 }],
    [' 7,5 ', { status: 'MARK', hundredths: 750 }],
    ['ABS', { status: 'ABSENT' }],
    ['abs', { status: 'ABSENT' }],
    ['AJ', { status: 'ABSENT_JUSTIFIED' }],
    ['DI', { status: 'EXEMPT' }],
    ['BEN 12,5', { status: 'KEPT', hundredths: 1250 }],
    ['BEN 10', { status: 'KEPT', hundredths: 1000 }],
    ['BEN20', { status: 'KEPT', hundredths: 2000 }],
  ])('reads %j', (cell, expected) => {
    expect(readFirstGroupCell(cell)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['21,5', 'NOT_A_MARK', '« 21,5 » n’est pas une note sur 20'],
    ['20,01', 'NOT_A_MARK', '« 20,01 » n’est pas une note sur 20'],
    ['-1', 'NOT_A_MARK', '« -1 » n’est pas une note sur 20'],
    ['12,555', 'NOT_A_MARK', '« 12,555 » n’est pas une note sur 20'],
    ['douze', 'NOT_A_MARK', '« douze » n’est pas une note sur 20'],
    ['', 'EMPTY_MARK', 'la note est vide (une note sur 20, ABS, AJ, DI ou BEN suivi de la note)'],
    [
      'BEN',
      'KEPT_MARK_WITHOUT_VALUE',
      '« BEN » : un bénéfice porte sa note (par exemple « BEN 12,5 »)',
    ],
    [
      'BEN 9,99',
      'KEPT_MARK_BELOW_10',
      '« BEN 9,99 » : une note conservée (bénéfice) est d’au moins 10',
    ],
    ['BEN 25', 'NOT_A_MARK', '« 25 » n’est pas une note sur 20'],
    ['EX', 'NOT_A_MARK', '« EX » n’est pas une note sur 20'],
  ])('refuses %j (%s)', (cell, code, message) => {
    expect(readFirstGroupCell(cell)).toEqual({ ok: false, refusal: { code, message } });
  });
});

describe('readControlCell', () => {
  const refused = (message: string) => ({ ok: false, refusal: { code: 'NOT_A_MARK', message } });
  it.each([
    ['14,5', { ok: true, value: { status: 'MARK', hundredths: 1450 } }],
    ['ABS', { ok: true, value: { status: 'ABSENT' } }],
    ['DI', refused('« DI » n’est pas une note sur 20 ni ABS')],
    ['AJ', refused('« AJ » n’est pas une note sur 20 ni ABS')],
    ['BEN 12', refused('« BEN 12 » n’est pas une note sur 20 ni ABS')],
    ['21', refused('« 21 » n’est pas une note sur 20 ni ABS')],
  ])('%j', (cell, expected) => {
    expect(readControlCell(cell)).toEqual(expected);
  });
});

describe('flags and coefficients', () => {
  it.each([
    ['O', true],
    ['o', true],
    ['N', false],
  ])('O/N %j', (cell, value) => {
    expect(readYesNo(cell)).toEqual({ ok: true, value });
  });
  it('refuses other booleans', () => {
    expect(readYesNo('oui')).toMatchObject({ ok: false, refusal: { code: 'NOT_YES_NO' } });
    expect(readYesNo('').ok).toBe(false);
  });
  it.each([
    ['G', 'GENERAL'],
    ['P', 'PROFESSIONAL'],
  ])('domain %j', (cell, value) => {
    expect(readTestDomain(cell)).toEqual({ ok: true, value });
  });
  it('refuses an unknown domain', () => {
    expect(readTestDomain('X')).toMatchObject({
      ok: false,
      refusal: { code: 'NOT_A_TEST_DOMAIN' },
    });
  });
  it.each([
    ['3', 300],
    ['1,5', 150],
    ['1.25', 125],
  ])('coefficient %j', (cell, value) => {
    expect(readCoefficient(cell)).toEqual({ ok: true, value });
  });
  it.each(['0', '-1', 'x', '1,555'])('refuses coefficient %j', (cell) => {
    expect(readCoefficient(cell)).toMatchObject({
      ok: false,
      refusal: { code: 'NOT_A_COEFFICIENT' },
    });
  });
});

describe('readCandidateNumber', () => {
  it.each([
    ['02412000001', '02412000001'],
    [' F0000001 ', 'F0000001'],
    ['AB12', 'AB12'],
    ['0'.repeat(20), '0'.repeat(20)],
  ])('reads %j', (cell, number) => {
    expect(readCandidateNumber(cell)).toEqual({ ok: true, value: number });
  });

  it.each([
    '',
    'A12',
    '0'.repeat(21),
    '0241200000€',
    '024"; filename=x',
    '0241 2000',
    '02412000001\r\nSet-Cookie: a=b',
    'f0000001',
    'É0000001',
    '０２４１２０００',
    '02412;000',
  ])('refuses %j', (cell) => {
    expect(readCandidateNumber(cell)).toEqual({
      ok: false,
      refusal: {
        code: 'INVALID_IDENTIFIER',
        message:
          'un numéro de candidat est fait de 4 à 20 chiffres ou lettres majuscules (ni espace, ni accent, ni ponctuation)',
      },
    });
  });
});

describe('readUai', () => {
  it.each([
    ['0510001A', '0510001A'],
    [' 0510001a ', '0510001A'],
  ])('reads %j', (cell, uai) => {
    expect(readUai(cell)).toEqual({ ok: true, value: uai });
  });

  it.each(['051000A', '0510001€', '0510001AA', '0510001"', ''])('refuses %j', (cell) => {
    expect(readUai(cell)).toEqual({
      ok: false,
      refusal: {
        code: 'INVALID_IDENTIFIER',
        message: 'un UAI est fait de 7 chiffres et d’une lettre',
      },
    });
  });
});
