// Phone input parsing and display (libphonenumber-js). Stored form is always E.164.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type { CountryCode };
export type PhoneParseResult = { ok: true; e164: string } | { ok: false; error: string };

/** "(415) 555-0132" with defaultCountry 'US' -> "+14155550132"; numbers with "+" need no country. */
export function parsePhone(input: string, defaultCountry?: CountryCode): PhoneParseResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, error: 'phone number is empty' };
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return { ok: false, error: 'phone number has invalid characters' };
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed) {
    return {
      ok: false,
      error: trimmed.startsWith('+') || defaultCountry ? 'is not a valid phone number' : 'add the country code, e.g. +1',
    };
  }
  if (!parsed.isValid()) return { ok: false, error: 'is not a valid phone number' };
  return { ok: true, e164: parsed.number };
}

/** International display form ("+1 415 555 0132"); falls back to the input if it does not parse. */
// Formatting parses the number with libphonenumber (~30 µs); the table formats a page of phones on
// every update, mostly the same ones again, so recent results are kept (bounded).
const FORMAT_CACHE_MAX = 5000;
const formatted = new Map<string, string>();

export function formatPhone(e164: string): string {
  if (!e164) return '';
  const hit = formatted.get(e164);
  if (hit !== undefined) return hit;
  const parsed = parsePhoneNumberFromString(e164);
  const text = parsed ? parsed.formatInternational() : e164;
  if (formatted.size >= FORMAT_CACHE_MAX) formatted.clear();
  formatted.set(e164, text);
  return text;
}
