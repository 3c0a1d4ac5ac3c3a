// V5: which custom / conversation field columns are shown, persisted per device (localStorage).
// Until the user chooses, a few fields are shown by default: the first contact fields and the
// first conversation field (by position).
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { FieldDefinition } from '../../../shared/schema';

const KEY = 'all-contacts.columns';
const DEFAULT_CONTACT_COLUMNS = 3;
const DEFAULT_CONVERSATION_COLUMNS = 1;

/** Column ids: 'cf:<key>' for contact fields, 'conv:<key>' for conversation fields. */
export function columnId(field: FieldDefinition): string {
  return `${field.scope === 'contact' ? 'cf' : 'conv'}:${field.key}`;
}

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cached: string[] | null = null;

function readStored(): string[] | null {
  const raw = safeGet();
  if (raw === cachedRaw) return cached;
  cachedRaw = raw;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    cached = Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : null;
  } catch {
    cached = null;
  }
  return cached;
}

function safeGet(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function defaultColumns(fields: FieldDefinition[]): string[] {
  const sorted = [...fields].sort((a, b) => a.position - b.position);
  return [
    ...sorted.filter((f) => f.scope === 'contact').slice(0, DEFAULT_CONTACT_COLUMNS),
    ...sorted.filter((f) => f.scope === 'conversation').slice(0, DEFAULT_CONVERSATION_COLUMNS),
  ].map(columnId);
}

/** The visible field columns (in field position order) and a toggle. */
export function useColumnPrefs(fields: FieldDefinition[]) {
  const stored = useSyncExternalStore(subscribe, readStored, () => null);
  const toggle = useCallback(
    (id: string, on: boolean) => {
      const next = new Set(readStored() ?? defaultColumns(fields));
      if (on) next.add(id);
      else next.delete(id);
      try {
        localStorage.setItem(KEY, JSON.stringify([...next]));
      } catch {
        // storage full or blocked: the choice just does not persist
      }
      for (const l of listeners) l();
    },
    [fields],
  );
  // Memoised so the (memoised) table rows keep the same column arrays across renders.
  const columns = useMemo(() => {
    const visible = new Set(stored ?? defaultColumns(fields));
    const sorted = [...fields].sort((a, b) => a.position - b.position);
    return {
      visible,
      contactColumns: sorted.filter((f) => f.scope === 'contact' && visible.has(columnId(f))),
      conversationColumns: sorted.filter((f) => f.scope === 'conversation' && visible.has(columnId(f))),
    };
  }, [stored, fields]);
  return { ...columns, toggle };
}
