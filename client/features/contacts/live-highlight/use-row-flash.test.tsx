// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import { EMPTY_DERIVED, type Contact } from '../../../../shared/schema';
import { newId } from '../../../../shared/ids';
import { publishChanges } from '../../../db/change-feed';
import { cleanup, render } from '../../test/render';
import { useRowFlash } from './use-row-flash';

afterEach(cleanup);

function contact(over: Partial<Contact> = {}): Contact {
  return { id: newId(), createdAt: 1, updatedAt: 1, name: 'Ann', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {}, ...EMPTY_DERIVED, ...over };
}

let setShown: (c: Contact) => void = () => {};
function Row({ initial }: { initial: Contact }) {
  const [c, set] = useState(initial);
  setShown = set;
  const flash = useRowFlash(c);
  return <div data-testid="row" data-flash={flash} />;
}

async function pulled(c: Contact): Promise<void> {
  publishChanges({ table: 'contacts', ids: [c.id] });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
    setShown(c);
  });
}

describe('[V4] Live highlight of a row', () => {
  it('flashes when a pull changes what the row shows', async () => {
    const c = contact();
    const view = render(<Row initial={c} />);
    const row = view.querySelector('[data-testid=row]')!;
    expect(row.getAttribute('data-flash')).toBeNull();
    await pulled({ ...c, updatedAt: 2, lastMessagePreview: 'New message' });
    expect(row.getAttribute('data-flash')).toBe('a');
  });

  it("does not flash for the server's echo of this user's own edit (only updatedAt differs)", async () => {
    const c = contact();
    const view = render(<Row initial={c} />);
    await pulled({ ...c, updatedAt: 99 });
    expect(view.querySelector('[data-testid=row]')!.getAttribute('data-flash')).toBeNull();
  });

  it('stops flashing when the row shows another contact (rows are recycled)', async () => {
    const c = contact();
    const view = render(<Row initial={c} />);
    const row = view.querySelector('[data-testid=row]')!;
    await pulled({ ...c, updatedAt: 2, name: 'Ann Changed' });
    expect(row.getAttribute('data-flash')).toBe('a');
    await act(async () => setShown(contact({ name: 'Someone else' })));
    expect(row.getAttribute('data-flash')).toBeNull();
  });
});
