// Phones typed without "+" are read in the device's country (from the browser language,
// e.g. en-GB -> GB); US when the language names no region.
import { getCountries, type CountryCode } from 'libphonenumber-js';

const FALLBACK: CountryCode = 'US';
let cached: CountryCode | null = null;

export function deviceCountry(): CountryCode {
  if (cached) return cached;
  const known = new Set<string>(getCountries());
  const languages = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of languages) {
    const region = tag?.split('-').find((part, i) => i > 0 && /^[A-Z]{2}$/i.test(part))?.toUpperCase();
    if (region && known.has(region)) return (cached = region as CountryCode);
  }
  return (cached = FALLBACK);
}
