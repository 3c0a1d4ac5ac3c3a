// Per-row Live highlight: flash when the contact object a row shows was replaced by a pull and
// its content really changed (the echo of this user's own edit changes only updatedAt), or when
// a row appears because a pull just created / moved it. Cheap: one Map lookup per row render.
import { useEffect, useRef, useState } from 'react';
import type { Contact } from '../../../../shared/schema';
import { changedRemotely, HIGHLIGHT_MS, startRecentRemote } from './recent-remote';
import './highlight.css';

function sameContent(a: Contact, b: Contact): boolean {
  return JSON.stringify({ ...a, updatedAt: 0 }) === JSON.stringify({ ...b, updatedAt: 0 });
}

/** The value for the row's data-flash attribute ('a' / 'b' alternate; undefined = none). */
export function useRowFlash(contact: Contact): 'a' | 'b' | undefined {
  startRecentRemote();
  const previous = useRef<Contact | null>(null);
  const [flash, setFlash] = useState<'a' | 'b' | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    const before = previous.current;
    previous.current = contact;
    if (before === contact) return;
    // Rows are recycled (row-slots.ts): the row may now show another contact (a new search or page).
    const another = before !== null && before.id !== contact.id;
    if (!changedRemotely(contact.id) || (!another && before !== null && sameContent(before, contact))) {
      if (another) {
        clearTimeout(timer.current); // the flash belonged to the contact shown before
        setFlash(undefined);
      }
      return;
    }
    setFlash((f) => (f === 'a' ? 'b' : 'a'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setFlash(undefined), HIGHLIGHT_MS);
  }, [contact]);
  return flash;
}
