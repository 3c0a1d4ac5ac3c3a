import { describe, expect, it } from 'vitest';
import { makeContact, makeField } from '../filter/test-contact';
import { documentMatches, normalizeQuery, normalizeText, phoneDigits, searchDocument } from './normalize';

describe('[V1] normalizeText', () => {
  it.each([
    ['José', 'jose'],
    ['  NÚÑEZ   García ', 'nunez garcia'],
    ['Łukasz Øster', 'lukasz oster'],
    ['Straße', 'strasse'],
    ['plain ascii', 'plain ascii'],
    ['Ünïcödé\tTabs', 'unicode tabs'],
  ])('[V1] %s -> %s', (input, out) => expect(normalizeText(input)).toBe(out));
  it('[V1] phoneDigits keeps digits only', () => expect(phoneDigits('+1 (415) 555-0132')).toBe('14155550132'));
});

describe('[V1] search semantics', () => {
  const fields = [makeField('company', 'text'), makeField('plan', 'select', 'contact', ['Pro']), makeField('seats', 'number')];
  const contact = makeContact({
    name: 'José Núñez',
    email: 'jn@acme.io',
    phone: '+14155550132',
    customFields: { company: 'Café Zürich', plan: 'Pro', seats: 42 },
  });
  const doc = searchDocument(contact, fields);
  const matches = (q: string): boolean => documentMatches(doc, normalizeQuery(q));

  it('[V1] every term must occur, case- and accent-insensitive', () => {
    expect(matches('jose')).toBe(true);
    expect(matches('JOSÉ núñ')).toBe(true);
    expect(matches('jose smith')).toBe(false);
    expect(matches('acme.io')).toBe(true);
  });
  it('[V1] keyword: text-like custom fields, not numbers', () => {
    expect(matches('zurich')).toBe(true);
    expect(matches('pro')).toBe(true);
    expect(matches('42')).toBe(false);
  });
  it('[V1] phone ignores spaces, dashes, brackets and +', () => {
    expect(matches('+1 (415) 555')).toBe(true);
    expect(matches('415-555-0132')).toBe(true);
    expect(matches('4155550132')).toBe(true);
    expect(matches('jose 555 0132')).toBe(true);
    expect(matches('+1 (415) 556')).toBe(false);
  });
  it('[V1] phone-like words group into one term', () => {
    expect(normalizeQuery('ann +1 (415) 555')).toEqual([
      { text: 'ann', digits: null },
      { text: '+1 (415) 555', digits: '1415555' },
    ]);
    expect(normalizeQuery('   ')).toEqual([]);
  });
  it('[V1] a term never spans two parts of the document', () => {
    expect(matches('nunez jn')).toBe(true);
    expect(matches('nunez\njn')).toBe(true); // whitespace in the query is a term separator
    expect(documentMatches(doc, [{ text: 'nunez jn', digits: null }])).toBe(false);
  });
});
