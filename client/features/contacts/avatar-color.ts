// D2: a contact's color is derived from its id, so it is stable on every device with no storage.
const PALETTE = ['blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange', 'red', 'pink', 'grape', 'violet', 'indigo'] as const;
export type AvatarColor = (typeof PALETTE)[number];

export function avatarColor(id: string): AvatarColor {
  let hash = 2166136261; // FNV-1a
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length];
}

export function initials(name: string): string {
  // First letter (or digit) of the first and last words; punctuation-only words are skipped.
  const firsts = name
    .split(/\s+/)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0])
    .filter((ch): ch is string => ch !== undefined);
  const picked = firsts.length > 1 ? [firsts[0], firsts[firsts.length - 1]] : firsts;
  return picked.join('').toUpperCase() || '?';
}
