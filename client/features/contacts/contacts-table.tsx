// V6/V13: the contacts table - a real <table> whose column headers carry exactly the names the
// product (and the browser tests) use. Rows render as text only; sorting via header buttons.
import { memo, useCallback, useMemo, useRef } from 'react';
import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { Contact, FieldDefinition } from '../../../shared/schema';
import { ContactRow } from './contact-row';
import { assignRowSlots, type RowSlots } from './row-slots';
import classes from './contacts-table.module.css';
import type { SortBy, SortDir } from './view-state';

export type ContactsTableProps = {
  rows: Contact[];
  contactColumns: FieldDefinition[];
  conversationColumns: FieldDefinition[];
  sort: { by: SortBy; dir: SortDir };
  onSort: (by: SortBy) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onToggleOptIn?: (contact: Contact, on: boolean) => void;
  /** The contact editor arrives with the editing issue; until then the button does nothing. */
  onEdit?: (contact: Contact) => void;
  /** Opens the Contact details drawer (V8) for a clicked row. */
  onOpen?: (id: string) => void;
  now: number;
};

function SortHeader(props: { label: string; by: SortBy; sort: ContactsTableProps['sort']; onSort: (by: SortBy) => void }) {
  const active = props.sort.by === props.by;
  const Icon = !active ? IconArrowsSort : props.sort.dir === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      aria-label={props.label}
      aria-sort={active ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton onClick={() => props.onSort(props.by)} fw={700} fz="sm">
        <Group gap={4} wrap="nowrap">
          {props.label}
          <Icon size={14} aria-hidden stroke={active ? 2.2 : 1.4} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

type PageSelection = 'empty' | 'none' | 'some' | 'all';

// Memoised: a new page or search result changes the rows, not the header.
const TableHeader = memo(function TableHeader(props: {
  sort: ContactsTableProps['sort'];
  onSort: (by: SortBy) => void;
  contactColumns: FieldDefinition[];
  conversationColumns: FieldDefinition[];
  pageState: PageSelection;
  onSelectPage: (on: boolean) => void;
}) {
  const { pageState } = props;
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th aria-label="Select" w={40}>
          <input
            type="checkbox"
            className={classes.checkbox}
            ref={(el) => {
              if (el) el.indeterminate = pageState === 'some';
            }}
            aria-label="Select all on page"
            checked={pageState === 'all'}
            disabled={pageState === 'empty'}
            onChange={(e) => props.onSelectPage(e.currentTarget.checked)}
          />
        </Table.Th>
        <SortHeader label="Name" by="name" sort={props.sort} onSort={props.onSort} />
        <Table.Th aria-label="Email">Email</Table.Th>
        <Table.Th aria-label="Phone">Phone</Table.Th>
        <SortHeader label="Created At" by="createdAt" sort={props.sort} onSort={props.onSort} />
        <SortHeader label="Last Interaction" by="lastInteractionAt" sort={props.sort} onSort={props.onSort} />
        <Table.Th aria-label="Campaign Opt-in">Campaign Opt-in</Table.Th>
        {props.contactColumns.map((f) => (
          <Table.Th key={f.id} aria-label={f.label}>
            {f.label}
          </Table.Th>
        ))}
        {props.conversationColumns.map((f) => (
          <Table.Th key={f.id} aria-label={f.label}>
            {f.label}
          </Table.Th>
        ))}
        <Table.Th aria-label="Actions" w={60}>
          Actions
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
});

export function ContactsTable(props: ContactsTableProps) {
  const { rows, selected, onSelect } = props;
  const selectedOnPage = rows.reduce((n, c) => (selected.has(c.id) ? n + 1 : n), 0);
  const pageState: PageSelection = rows.length === 0 ? 'empty' : selectedOnPage === 0 ? 'none' : selectedOnPage === rows.length ? 'all' : 'some';
  // The header is memoised; its page checkbox reads the current rows through a ref.
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const onSelectPage = useCallback((on: boolean) => onSelect(rowsRef.current.map((c) => c.id), on), [onSelect]);
  // Recycled row keys (row-slots.ts): contacts that stay keep their row, new ones reuse a freed one.
  const slotsRef = useRef<RowSlots>(new Map());
  const slots = useMemo(() => (slotsRef.current = assignRowSlots(slotsRef.current, rows.map((c) => c.id))), [rows]);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Contacts" styles={{ th: { whiteSpace: 'nowrap' } }}>
        <TableHeader
          sort={props.sort}
          onSort={props.onSort}
          contactColumns={props.contactColumns}
          conversationColumns={props.conversationColumns}
          pageState={pageState}
          onSelectPage={onSelectPage}
        />
        <Table.Tbody>
          {rows.map((c) => (
            <ContactRow
              key={slots.get(c.id)}
              contact={c}
              contactColumns={props.contactColumns}
              conversationColumns={props.conversationColumns}
              selected={selected.has(c.id)}
              onSelect={props.onSelect}
              onToggleOptIn={props.onToggleOptIn}
              onEdit={props.onEdit}
              onOpen={props.onOpen}
              now={props.now}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
