// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, useState } from 'react';
import { EMPTY_DERIVED, type Contact, type FieldDefinition } from '../../../shared/schema';
import { formatPhone } from '../../../shared/values';
import { cleanup, columnHeaderNames, render } from '../test/render';
import { initials } from './avatar-color';
import { ContactsTable, type ContactsTableProps } from './contacts-table';

afterEach(cleanup);

const NOW = Date.UTC(2026, 0, 31, 12);
const DAY = 24 * 3600_000;

function field(key: string, label: string, type: FieldDefinition['type'], scope: FieldDefinition['scope'] = 'contact'): FieldDefinition {
  return { id: `0190f3c2-7a6b-7cc0-8000-0000000000${key.length}${scope === 'contact' ? 1 : 2}`, key, label, type, options: [], scope, position: 0, createdAt: 0, updatedAt: 0 };
}

const website = field('website', 'Website', 'url');
const tags = field('tags', 'Tags', 'multiselect');
const priority = field('priority', 'Priority', 'select', 'conversation');

const contact: Contact = {
  id: '0190f3c2-7a6b-7cc0-8000-000000000001',
  createdAt: NOW - 3 * DAY,
  updatedAt: NOW,
  name: 'José <b>Núñez</b>',
  email: 'jose@example.com',
  phone: '+14155550132',
  avatarUrl: '',
  campaignOptIn: true,
  customFields: { website: 'javascript:alert(1)', tags: ['vip', 'beta'] },
  ...EMPTY_DERIVED,
  lastInteractionAt: NOW - 2 * 3600_000,
  lastMessagePreview: 'Thanks!',
  lastMessageChannel: 'whatsapp',
  conversationFields: { priority: 'High' },
};

function props(over: Partial<ContactsTableProps> = {}): ContactsTableProps {
  return {
    rows: [contact, { ...contact, id: '0190f3c2-7a6b-7cc0-8000-000000000002', name: 'Ann Lee', customFields: { website: 'https://ann.example/' } }],
    contactColumns: [website, tags],
    conversationColumns: [priority],
    sort: { by: 'createdAt', dir: 'desc' },
    onSort: () => {},
    selected: new Set(),
    onSelect: () => {},
    now: NOW,
    ...over,
  };
}

describe('ContactsTable', () => {
  it('[V6][V13] is a real table whose column headers carry the product names', () => {
    const view = render(<ContactsTable {...props()} />);
    expect(view.querySelector('table')).not.toBeNull();
    expect(columnHeaderNames(view)).toEqual([
      'Select',
      'Name',
      'Email',
      'Phone',
      'Created At',
      'Last Interaction',
      'Campaign Opt-in',
      'Website',
      'Tags',
      'Priority',
      'Actions',
    ]);
    expect(view.querySelector('th[aria-label="Select"] input[aria-label="Select all on page"]')).not.toBeNull();
  });

  it('[V13] rows have labelled checkboxes, opt-in switches and edit buttons', () => {
    const view = render(<ContactsTable {...props()} />);
    expect(view.querySelector('input[aria-label="Select Ann Lee"]')).not.toBeNull();
    expect(view.querySelector('input[aria-label="Campaign opt-in for Ann Lee"]')).not.toBeNull();
    expect(view.querySelector('button[aria-label="Edit Ann Lee"]')).not.toBeNull();
  });

  it('[Q3] names render as text and only http(s) URLs become links', () => {
    const view = render(<ContactsTable {...props()} />);
    expect(view.querySelector('tbody b')).toBeNull();
    expect(view.textContent).toContain('José <b>Núñez</b>');
    const links = [...view.querySelectorAll('tbody a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://ann.example/']);
    expect(links[0].getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0].getAttribute('target')).toBe('_blank');
    expect(view.textContent).toContain('javascript:alert(1)');
  });

  it('[V6] shows relative times, formatted phone, badges and conversation values', () => {
    const view = render(<ContactsTable {...props()} />);
    const text = view.textContent ?? '';
    expect(text).toContain('3 days ago');
    expect(text).toContain('2 hours ago');
    expect(text).toContain(formatPhone('+14155550132'));
    expect(text).not.toContain('+14155550132');
    expect(text).toContain('vip');
    expect(text).toContain('High');
  });

  it('[V6] avatar initials come from the first and last words', () => {
    const view = render(<ContactsTable {...props()} />);
    expect(view.textContent).toContain('AL');
    expect(initials('José — Núñez')).toBe('JN');
    expect(initials('  ')).toBe('?');
  });

  it('[V10] sortable headers expose aria-sort and report clicks', () => {
    const onSort = vi.fn();
    const view = render(<ContactsTable {...props({ onSort })} />);
    expect(view.querySelector('th[aria-label="Created At"]')?.getAttribute('aria-sort')).toBe('descending');
    expect(view.querySelector('th[aria-label="Name"]')?.getAttribute('aria-sort')).toBe('none');
    act(() => view.querySelector<HTMLButtonElement>('th[aria-label="Name"] button')!.click());
    expect(onSort).toHaveBeenCalledWith('name');
  });

  it('[V9] the page checkbox selects every row on the page', () => {
    const onSelect = vi.fn();
    const view = render(<ContactsTable {...props({ onSelect })} />);
    act(() => view.querySelector<HTMLInputElement>('input[aria-label="Select all on page"]')!.click());
    expect(onSelect).toHaveBeenCalledWith(['0190f3c2-7a6b-7cc0-8000-000000000001', '0190f3c2-7a6b-7cc0-8000-000000000002'], true);
  });

  it('[V7] rows are recycled, but an open inline editor belongs to its contact', () => {
    const initial = props().rows;
    let setRows: (rows: Contact[]) => void = () => {};
    function Harness() {
      const [rows, set] = useState(initial);
      setRows = set;
      return <ContactsTable {...props({ rows })} />;
    }
    const view = render(<Harness />);
    const annRow = view.querySelectorAll('tbody tr')[1];
    act(() => view.querySelector<HTMLButtonElement>('button[aria-label="Edit email of Ann Lee"]')!.click());
    expect(annRow.querySelector('[data-cell-editor]')).not.toBeNull();
    // A Live refresh puts a newcomer on top: Ann's row moves down with its open editor.
    const bo: Contact = { ...initial[1], id: '0190f3c2-7a6b-7cc0-8000-000000000003', name: 'Bo Chen', email: 'bo@example.com' };
    act(() => setRows([bo, initial[0], initial[1]]));
    expect(view.querySelectorAll('tbody tr')[2]).toBe(annRow);
    expect(annRow.querySelector('[data-cell-editor]')).not.toBeNull();
    // A new search without Ann: her row element is reused for another contact, with no editor.
    const cy: Contact = { ...bo, id: '0190f3c2-7a6b-7cc0-8000-000000000004', name: 'Cy Diaz', email: 'cy@example.com' };
    act(() => setRows([cy, initial[0]]));
    expect(view.querySelector('[data-cell-editor]')).toBeNull();
    expect(annRow.isConnected).toBe(true);
    expect(annRow.textContent).toContain('cy@example.com');
  });
});
