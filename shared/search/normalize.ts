// Search normalisation (V1): one definition of "case- and accent-insensitive" and of phone matching,
// used to build each contact's search document and to parse the query, so both sides agree.
import type { Contact, FieldDefinition, FieldType } from '../schema';

/** Letters that NFD does not decompose but users type without the mark. */
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th' };
const FOLD_RE = /[łøđðħßæœıþ]/g;
const HAS_FOLD_RE = /[łøđðħßæœıþ]/;
const MARKS_RE = /[\u0300-\u036f]/g;
const SPACE_RE = /\s+/g;
const PLAIN_ASCII_RE = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;

/** Lowercase, strip diacritics, fold a few special letters, collapse whitespace, trim. */
export function normalizeText(s: string): string {
  // Fast path (most names and emails): printable ASCII, single spaces, nothing to strip.
  if (PLAIN_ASCII_RE.test(s)) return s.toLowerCase();
  let out = s.toLowerCase().normalize('NFD').replace(MARKS_RE, '');
  if (HAS_FOLD_RE.test(out)) out = out.replace(FOLD_RE, (ch) => FOLD[ch] ?? ch);
  return out.replace(SPACE_RE, ' ').trim();
}

/** Only the digits of a phone number (or of anything). */
export function phoneDigits(s: string): string {
  return s.replace(/\D/g, '');
}

/** Field types whose values are words a user might search for ("keyword"). */
const KEYWORD_TYPES: ReadonlySet<FieldType> = new Set(['text', 'url', 'email', 'phone', 'select', 'multiselect']);

/** "https://www." says nothing about a contact; leaving it out keeps documents (and the index) small. */
const URL_PREFIX_RE = /^https?:\/\/(www\.)?/i;

/** Separates the parts of a search document; never part of a query term (terms contain no newline). */
export const DOC_SEPARATOR = '\n';

/** The contact-scope custom fields that take part in search, in a stable order. */
export function keywordFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => f.scope === 'contact' && KEYWORD_TYPES.has(f.type)).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * One normalised string per contact: name, email, phone digits and keyword custom values
 * (text, url without its scheme, email, phone, select, multiselect), joined by DOC_SEPARATOR so no term matches across two parts.
 * `keyword` is keywordFields(fields) (pass it precomputed when building many documents).
 */
export function searchDocument(contact: Contact, fields: readonly FieldDefinition[], keyword = keywordFields(fields)): string {
  const parts: string[] = [normalizeText(contact.name)];
  if (contact.email) parts.push(normalizeText(contact.email));
  // Stored phones are E.164 ("+14155550132"): the digits are all a search needs (see normalizeQuery).
  if (contact.phone) parts.push(phoneDigits(contact.phone));
  for (const field of keyword) {
    const value = contact.customFields[field.key];
    if (value === null || value === undefined || typeof value === 'number') continue;
    const text = typeof value === 'string' ? value : value.join(' ');
    if (!text) continue;
    if (field.type === 'url') parts.push(normalizeText(text.replace(URL_PREFIX_RE, '')));
    else parts.push(normalizeText(text));
    if (field.type === 'phone') parts.push(phoneDigits(text));
  }
  return parts.join(DOC_SEPARATOR);
}

/**
 * One query term. It matches a document containing `text`, or (for phone-like terms) `digits`.
 * Consecutive phone-like words ("+1 (415) 555") form one term, so a number typed with spaces
 * still matches the stored digits.
 */
export type SearchTerm = { text: string; digits: string | null };

const PHONE_WORD_RE = /^[+().\-\d]+$/;

function isPhoneWord(word: string): boolean {
  return PHONE_WORD_RE.test(word) && /\d/.test(word);
}

/** Text that is only digits and phone punctuation ("+1 (415) 555-01"), with at least one digit. */
export function isPhoneLike(s: string): boolean {
  return /^[+().\-\d\s]+$/.test(s) && /\d/.test(s);
}

export function normalizeQuery(q: string): SearchTerm[] {
  const words = normalizeText(q).split(' ').filter(Boolean);
  const terms: SearchTerm[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const text = run.join(' ');
    terms.push({ text, digits: phoneDigits(text) });
    run = [];
  };
  for (const word of words) {
    if (isPhoneWord(word)) {
      run.push(word);
      continue;
    }
    flush();
    terms.push({ text: word, digits: null });
  }
  flush();
  return terms;
}

/** Plain reference semantics: every term occurs in the document (as text, or as phone digits). */
export function documentMatches(doc: string, terms: readonly SearchTerm[]): boolean {
  for (const term of terms) {
    if (doc.includes(term.text)) continue;
    if (term.digits && doc.includes(term.digits)) continue;
    return false;
  }
  return true;
}
