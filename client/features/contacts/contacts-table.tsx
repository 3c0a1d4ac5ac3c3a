// V6/V13: the contacts table - a real <table> whose column headers carry exactly the names the
// product (and the browser tests) use. Rows render as text only; sorting via header buttons.
import { ActionIcon, Checkbox, Switch, Table, Text, UnstyledButton, Group } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconPencil } from '@tabler/icons-react';
import type { Contact, FieldDefinition } from '../../../shared/schema';
import { formatPhone } from '../../../shared/values';
import { CustomValueCell } from './cells/custom-value-cell';
import { NameCell } from './cells/name-cell';
import { CreatedAtCell, LastInteractionCell } from './cells/time-cells';
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
            <Table.Tr key={c.id} bg={selected.has(c.id) ? 'var(--mantine-color-blue-light)' : undefined}>
              <Table.Td>
                <Checkbox
                  aria-label={`Select ${c.name}`}
                  checked={selected.has(c.id)}
                  onChange={(e) => props.onSelect([c.id], e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <NameCell contact={c} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate maw={260}>
                  {c.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {c.phone ? formatPhone(c.phone) : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <CreatedAtCell at={c.createdAt} now={props.now} />
              </Table.Td>
              <Table.Td>
                <LastInteractionCell contact={c} now={props.now} />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`Campaign opt-in for ${c.name}`}
                  checked={c.campaignOptIn}
                  readOnly={!props.onToggleOptIn}
                  onChange={(e) => props.onToggleOptIn?.(c, e.currentTarget.checked)}
                />
              </Table.Td>
              {props.contactColumns.map((f) => (
                <Table.Td key={f.id}>
                  <CustomValueCell field={f} value={c.customFields[f.key]} />
                </Table.Td>
              ))}
              {props.conversationColumns.map((f) => (
                <Table.Td key={f.id}>
                  <CustomValueCell field={f} value={c.conversationFields[f.key]} />
                </Table.Td>
              ))}
              <Table.Td>
                <ActionIcon variant="subtle" aria-label={`Edit ${c.name}`} onClick={() => props.onEdit?.(c)}>
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
