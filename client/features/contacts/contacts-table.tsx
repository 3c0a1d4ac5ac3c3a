// V6/V13: the contacts table - a real <table> whose column headers carry exactly the names the
// product (and the browser tests) use. Rows render as text only; sorting via header buttons.
import { Checkbox, Group, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { Contact, FieldDefinition } from '../../../shared/schema';
import { ContactRow } from './contact-row';
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

export function ContactsTable(props: ContactsTableProps) {
  const { rows, selected } = props;
  const pageIds = rows.map((c) => c.id);
  const selectedOnPage = pageIds.filter((id) => selected.has(id)).length;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Contacts" styles={{ th: { whiteSpace: 'nowrap' } }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th aria-label="Select" w={40}>
              <Checkbox
                aria-label="Select all on page"
                checked={rows.length > 0 && selectedOnPage === rows.length}
                indeterminate={selectedOnPage > 0 && selectedOnPage < rows.length}
                disabled={rows.length === 0}
                onChange={(e) => props.onSelect(pageIds, e.currentTarget.checked)}
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
        <Table.Tbody>
          {rows.map((c) => (
            <ContactRow
              key={c.id}
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
