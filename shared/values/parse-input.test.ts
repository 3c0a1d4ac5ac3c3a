import { describe, expect, it } from 'vitest';
import type { FieldDefinition, FieldType } from '../schema';
import {
  customValueToInput,
  parseCustomInput,
  parseEmailInput,
  parseNameInput,
  parsePhoneInput,
  parseUrlInput,
  sameCustomValue,
  type EditorInput,
} from './parse-input';

const field = (type: FieldType, options: string[] = []): FieldDefinition => ({
  id: '0190a000-0000-7000-8000-000000000001',
  key: 'k',
  label: 'Thing',
  type,
  options,
  scope: 'contact',
  position: 0,
  createdAt: 0,
  updatedAt: 0,
});
const OPTIONS = ['Free', 'Pro'];

describe('[V7] built-in editors', () => {
  it('email: valid (trimmed), invalid, empty clears', () => {
    expect(parseEmailInput('  ann@example.com ')).toEqual({ ok: true, value: 'ann@example.com' });
    expect(parseEmailInput('ann@')).toMatchObject({ ok: false, error: expect.stringMatching(/valid email/) });
    expect(parseEmailInput('   ')).toEqual({ ok: true, value: '' });
  });
  it('phone: national number with the device country -> E.164, invalid, empty clears', () => {
    expect(parsePhoneInput('(415) 555-0132', 'US')).toEqual({ ok: true, value: '+14155550132' });
    expect(parsePhoneInput('+44 7911 123456', 'US')).toEqual({ ok: true, value: '+447911123456' });
    expect(parsePhoneInput('12', 'US')).toMatchObject({ ok: false, error: expect.stringMatching(/^Phone number /) });
    expect(parsePhoneInput('call me', 'US').ok).toBe(false);
    expect(parsePhoneInput('', 'US')).toEqual({ ok: true, value: '' });
  });
  it('url: http(s) only, empty clears', () => {
    expect(parseUrlInput('https://a.example/x')).toEqual({ ok: true, value: 'https://a.example/x' });
    expect(parseUrlInput('javascript:alert(1)').ok).toBe(false);
    expect(parseUrlInput('a.example').ok).toBe(false);
    expect(parseUrlInput('')).toEqual({ ok: true, value: '' });
  });
  it('name: required, trimmed', () => {
    expect(parseNameInput(' Ann ')).toEqual({ ok: true, value: 'Ann' });
    expect(parseNameInput('  ')).toEqual({ ok: false, error: 'Name is required' });
  });
});

// [type, editor input, stored value or false (refused)]; '' / [] always clear (null).
const cases: [FieldType, EditorInput, unknown][] = [
  ['text', ' hello ', 'hello'],
  ['text', 'x'.repeat(2001), false],
  ['text', '', null],
  ['email', 'a@b.co', 'a@b.co'],
  ['email', 'nope', false],
  ['email', '', null],
  ['phone', '(415) 555-0132', '+14155550132'],
  ['phone', '555', false],
  ['phone', '', null],
  ['url', 'http://example.com', 'http://example.com'],
  ['url', 'ftp://example.com', false],
  ['url', ' ', null],
  ['number', '42', 42],
  ['number', '-3.5', -3.5],
  ['number', '1,200', 1200],
  ['number', '12abc', false],
  ['number', 'Infinity', false],
  ['number', '1e999', false],
  ['number', '', null],
  ['select', 'Pro', 'Pro'],
  ['select', 'Gold', false],
  ['select', '', null],
  ['multiselect', ['Free', 'Pro'], ['Free', 'Pro']],
  ['multiselect', ['Gold'], false],
  ['multiselect', [], null],
  ['date', '2024-02-29', '2024-02-29'],
  ['date', '2025-02-29', false],
  ['date', '29/02/2024', false],
  ['date', '', null],
];

describe('[V7] parseCustomInput', () => {
  it.each(cases)('%s %j', (type, input, expected) => {
    const result = parseCustomInput(field(type, OPTIONS), input, 'US');
    if (expected === false) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(5);
    } else {
      expect(result).toEqual({ ok: true, value: expected });
    }
  });

  it('a list is refused for a single-value field', () => {
    expect(parseCustomInput(field('select', OPTIONS), ['Pro']).ok).toBe(false);
  });
});

describe('[V7] editor start values and change detection', () => {
  it('shows phones formatted, numbers as text, multiselect as a list', () => {
    expect(customValueToInput(field('phone'), '+14155550132')).toBe('+1 415 555 0132');
    expect(customValueToInput(field('number'), 3.5)).toBe('3.5');
    expect(customValueToInput(field('multiselect'), ['Pro'])).toEqual(['Pro']);
    expect(customValueToInput(field('multiselect'), undefined)).toEqual([]);
    expect(customValueToInput(field('text'), null)).toBe('');
  });
  it('round-trips: a formatted phone parses back to the stored value', () => {
    const f = field('phone');
    expect(parseCustomInput(f, customValueToInput(f, '+447911123456'))).toEqual({ ok: true, value: '+447911123456' });
  });
  it('compares stored values (missing = null = empty list; lists ignore order)', () => {
    expect(sameCustomValue(undefined, null)).toBe(true);
    expect(sameCustomValue([], null)).toBe(true);
    expect(sameCustomValue(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameCustomValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameCustomValue(1, 1)).toBe(true);
    expect(sameCustomValue('1', 1)).toBe(false);
  });
});
