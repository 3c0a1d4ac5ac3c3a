import { describe, expect, it } from 'vitest';
import type { FieldDefinition, FieldType } from '../schema';
import { isIsoDate, validateCustomValue } from './custom-value';

const def = (type: FieldType, options: string[] = []): FieldDefinition => ({
  id: '0190a000-0000-7000-8000-000000000001',
  key: 'k',
  label: 'K',
  type,
  options,
  scope: 'contact',
  position: 0,
  createdAt: 0,
  updatedAt: 0,
});

const OPTIONS = ['Free', 'Pro'];
// [type, value, accepted value or false]
const cases: [FieldType, unknown, unknown][] = [
  ['text', 'hello', 'hello'],
  ['text', 5, false],
  ['text', 'x'.repeat(2001), false],
  ['email', 'a@b.co', 'a@b.co'],
  ['email', 'not an email', false],
  ['phone', '+14155550132', '+14155550132'],
  ['phone', '(415) 555-0132', false],
  ['url', 'https://example.com/x', 'https://example.com/x'],
  ['url', 'http://example.com', 'http://example.com'],
  ['url', 'javascript:alert(1)', false],
  ['url', 'ftp://example.com', false],
  ['number', 42.5, 42.5],
  ['number', -3, -3],
  ['number', '42', false],
  ['number', Number.NaN, false],
  ['number', Number.POSITIVE_INFINITY, false],
  ['select', 'Pro', 'Pro'],
  ['select', 'Gold', false],
  ['select', ['Pro'], false],
  ['multiselect', ['Free', 'Pro'], ['Free', 'Pro']],
  ['multiselect', ['Pro', 'Pro'], ['Pro']],
  ['multiselect', [], []],
  ['multiselect', ['Gold'], false],
  ['multiselect', 'Pro', false],
  ['date', '2024-02-29', '2024-02-29'],
  ['date', '2025-02-29', false],
  ['date', '2025-13-01', false],
  ['date', '2025-1-01', false],
  ['date', 1735689600000, false],
];

describe('[V7] validateCustomValue', () => {
  it.each(cases)('%s %j', (type, value, expected) => {
    const result = validateCustomValue(def(type, OPTIONS), value);
    if (expected === false) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).not.toBe('');
    } else {
      expect(result).toEqual({ ok: true, value: expected });
    }
  });

  it('null clears a value of any type', () => {
    for (const type of ['text', 'number', 'select', 'multiselect', 'date'] as const) {
      expect(validateCustomValue(def(type, OPTIONS), null)).toEqual({ ok: true, value: null });
    }
  });

  it('errors name the offending option', () => {
    expect(validateCustomValue(def('select', OPTIONS), 'Gold')).toEqual({ ok: false, error: '"Gold" is not an option' });
  });

  it('isIsoDate accepts only real calendar dates', () => {
    expect(['2000-02-29', '1999-12-31'].every(isIsoDate)).toBe(true);
    expect(['1900-02-29', '2021-04-31', '20210101', ''].some(isIsoDate)).toBe(false);
  });
});
