// The conversation labels known on this device, for the label filter's suggestions. Read once
// when first asked (a scan of the conversations table), then kept for the session.
import { db } from '../../db/db';

let cache: Promise<string[]> | null = null;

export function loadKnownLabels(): Promise<string[]> {
  cache ??= (async () => {
    const labels = new Set<string>();
    await db.conversations.each((c) => {
      for (const label of c.labels) labels.add(label);
    });
    return [...labels].sort((a, b) => a.localeCompare(b));
  })().catch(() => {
    cache = null;
    return [];
  });
  return cache;
}
