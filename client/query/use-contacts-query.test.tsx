// @vitest-environment jsdom
// The hook re-renders with new results when the index changes and when the query changes.
import 'fake-indexeddb/auto';
import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { makeContact, testId } from '../../shared/filter/test-contact';
import { publishChanges } from '../db/change-feed';
import { ContactsDB } from '../db/db';
import { createQueryEngine } from './engine';
import type { ContactQuery } from './types';
import { useContactsQuery } from './use-contacts-query';

globalThis.IS_REACT_ACT_ENVIRONMENT = true;
declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('[V1][Q1] useContactsQuery', () => {
  it('[V1][Q1] shows ready, total and rows, and follows data and query changes', async () => {
    const db = new ContactsDB(`hook-${newId()}`);
    await db.contacts.bulkPut([makeContact({ id: testId(1), name: 'Ann' }), makeContact({ id: testId(2), name: 'José' })]);
    const engine = createQueryEngine(db, { locale: 'en' });
    let setSearch: (s: string) => void = () => {};
    let lastIds: () => string[] = () => [];
    function Probe() {
      const [search, set] = useState('');
      setSearch = set;
      const q: ContactQuery = { search, filter: { match: 'all', conditions: [] }, sort: { by: 'name', dir: 'asc' }, page: 1, pageSize: 10 };
      const r = useContactsQuery(q, engine);
      lastIds = r.matchingIds;
      return <p>{r.ready ? `${r.total}: ${r.rows.map((c) => c.name).join(', ')}` : 'loading'}</p>;
    }
    const container = document.createElement('div');
    const root = createRoot(container);
    cleanups.push(() => {
      act(() => root.unmount());
      engine.close();
      db.close();
    });
    act(() => root.render(<Probe />));
    await act(() => engine.settled());
    expect(container.textContent).toBe('2: Ann, José');

    await act(() => setSearch('jose'));
    expect(container.textContent).toBe('1: José');
    expect(lastIds()).toEqual([testId(2)]);

    await db.contacts.put(makeContact({ id: testId(3), name: 'Josefina' }));
    publishChanges({ table: 'contacts', ids: [testId(3)] });
    await act(() => engine.settled());
    expect(container.textContent).toBe('2: José, Josefina');
  });
});
