import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASSWORD_PROBLEMS as P, checkPassword } from './password-policy.ts';

const ID = '02412345678';

describe('checkPassword', () => {
  it.each<[string, string, readonly string[]]>([
    ['12 characters, 3 classes', 'Ciel-bleu-42', []],
    ['12 characters, 4 classes', 'Xk7!pq2#Lm9z', []],
    ['11 characters, 4 classes', 'Xk7!pq2#Lm9', [P.tooWeak]],
    ['12 characters, 2 classes', 'cielbleu4242', [P.tooWeak]],
    ['13 lower-case letters', 'cielbleuvertz', [P.tooWeak]],
    ['14 lower-case letters', 'cielbleuvertzz', []],
    ['13 characters with accents', 'étéàlaplagezz', [P.tooWeak]],
    ['a decomposed accent is one character', 'e\u0301t\u00e9alaplagez', [P.tooWeak]],
    ['14 accented code points', 'étéàlaplagezzz', []],
    ['accents count as lower-case letters', 'Été-à-12345', [P.tooWeak]],
    ['accented 12 characters, 3 classes', 'Été-à-123456', []],
    ['empty', '', [P.tooWeak]],
    ['the identifier itself', ID, [P.tooWeak, P.containsIdentifier]],
    ['contains the identifier', `Bts-${ID}-x`, [P.containsIdentifier]],
    ['contains the identifier, case folded', 'xxCANDIDAT.demoxx', [P.containsIdentifier]],
    ['common password', 'motdepasse', [P.tooWeak, P.common]],
    ['common stem with digits and symbols', 'Motdepasse2024!', [P.common]],
    ['common stem with accents folded', '!!Académie2024', [P.common]],
    ['common stem inside other words is fine', 'MotDePasseDeRoland7', []],
    ['azerty keyboard walk', 'AZERTYUIOP1234', [P.common]],
    ['too long', 'a'.repeat(1025), [P.tooLong]],
    ['1024 characters is the most', 'a'.repeat(1024), []],
  ])('%s', (_label, password, problems) => {
    const identifier = password.includes('CANDIDAT') ? 'candidat.demo' : ID;
    const result = checkPassword(password, identifier);
    if (problems.length === 0) expect(result).toEqual({ ok: true });
    else expect(result).toEqual({ ok: false, refusal: { code: 'WEAK_PASSWORD', problems } });
  });

  it('ignores a blank identifier', () => {
    expect(checkPassword('Ciel-bleu-42', '  ')).toEqual({ ok: true });
  });

  it('never accepts a password containing the identifier', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (identifier, before, after) => {
          const result = checkPassword(`${before}${identifier.trim()}${after}`, identifier);
          expect(result.ok).toBe(false);
        },
      ),
    );
  });

  it('accepts every long enough password that is neither common nor the identifier', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{14,40}$/), (password) => {
        fc.pre(!password.includes('motdepasse') && !password.includes('x'));
        expect(checkPassword(password, 'x').ok).toBe(true);
      }),
    );
  });
});
