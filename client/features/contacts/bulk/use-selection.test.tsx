// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { EMPTY_DERIVED, type Contact } from '../../../../shared/schema';
import { newId } from '../../../../shared/ids';
import { db } from '../../../db/db';
import { publishChanges } from '../../../db/change-feed';
import { cleanup, render } from '../../test/render';
import { useSelection, type Selection } from './use-selection';

afterEach(cleanup);

const contact = (): Contact => ({
  id: newId(),
  createdAt: 1,
  updatedAt: 1,
  name: 'C',
  email: '',
  phone: '',
  avatarUrl: '',
  campaignOptIn: false,
  customFields: {},
  ...EMPTY_DERIVED,
});

let latest: Selection | null = null;
function Probe() {
  latest = useSelection();
  return null;
}

describe('[V9] selection', () => {
  it('keeps selected ids until cleared, and drops contacts deleted elsewhere', async () => {
    const [a, b, c] = [contact(), contact(), contact()];
    await db.contacts.bulkPut([a, b, c]);
    render(<Probe />);
    act(() => latest!.onSelect([a.id, b.id, c.id], true));
    expect(latest!.selected.size).toBe(3);

    // A pull deletes b (another device deleted it) and publishes the change.
    await db.contacts.delete(b.id);
    await act(async () => {
      publishChanges({ table: 'contacts', ids: [b.id] });
      await new Promise((r) => setTimeout(r, 50));
    });
    expect([...latest!.selected].sort()).toEqual([a.id, c.id].sort());

    act(() => latest!.onSelect([a.id], false));
    expect([...latest!.selected]).toEqual([c.id]);
    act(() => latest!.clear());
    expect(latest!.selected.size).toBe(0);
  });
});
