import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone, type CountryCode } from './phone';

describe('[V7] parsePhone', () => {
  const cases: [input: string, country: CountryCode | undefined, expected: string | null][] = [
    ['(415) 555-0132', 'US', '+14155550132'],
    ['+1 415 555 0132', undefined, '+14155550132'],
    ['+44 7911 123456', 'US', '+447911123456'],
    ['07911 123456', 'GB', '+447911123456'],
    ['030 123456', 'DE', '+4930123456'],
    ['  +33 6 12 34 56 78 ', undefined, '+33612345678'],
    ['415 555 0132', undefined, null], // no country: ambiguous
    ['12', 'US', null],
    ['+1 000 000 0000', undefined, null],
    ['call me', 'US', null],
    ['', 'US', null],
  ];
  it.each(cases)('%s (%s) -> %s', (input, country, expected) => {
    const result = parsePhone(input, country);
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
    } else {
      expect(result).toEqual({ ok: true, e164: expected });
    }
  });

  it('formats E.164 for display and passes through what it cannot parse', () => {
    expect(formatPhone('+14155550132')).toBe('+1 415 555 0132');
    expect(formatPhone('')).toBe('');
    expect(formatPhone('garbage')).toBe('garbage');
  });
});
