// One contacts table row (V6). Memoised: paging, typing and Live refreshes re-render only the
// rows whose contact, selection or clock actually changed.
import { memo, useCallback, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { ActionIcon, Checkbox, Switch, Table } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { Contact, FieldDefinition } from '../../../shared/schema';
import { CustomValueCell } from './cells/custom-value-cell';
import { EditableCell, type EditMove } from './cells/editable-cell';
import { editableColumns } from './editing/editable-column';
import { isRowClickTarget } from './details/row-click';
import { useRowFlash } from './live-highlight/use-row-flash';
import { NameCell } from './cells/name-cell';
import { CreatedAtCell, LastInteractionCell } from './cells/time-cells';

type Props = {
  contact: Contact;
  contactColumns: FieldDefinition[];
  conversationColumns: FieldDefinition[];
  selected: boolean;
  onSelect: (ids: string[], on: boolean) => void;
  onToggleOptIn?: (contact: Contact, on: boolean) => void;
  onEdit?: (contact: Contact) => void;
  /** Row click / Enter on the focused row: open the Contact details drawer (V8). */
  onOpen?: (id: string) => void;
  now: number;
};

export const ContactRow = memo(function ContactRow({ contact: c, contactColumns, conversationColumns, selected, onSelect, onToggleOptIn, onEdit, onOpen, now }: Props) {
  // V7: at most one open inline editor per row; Tab moves along the editable columns.
  const editable = useMemo(() => editableColumns(contactColumns), [contactColumns]);
  const [editing, setEditing] = useState<string | null>(null);
  const onFinish = useCallback(
    (columnId: string, move: EditMove) =>
      setEditing((current) => {
        if (current !== columnId) return current; // another cell was opened meanwhile
        if (move === 0) return null;
        const index = editable.findIndex((col) => col.id === columnId) + move;
        return editable[index]?.id ?? null;
      }),
    [editable],
  );
  const flash = useRowFlash(c);
  const onRowClick = (e: MouseEvent<HTMLTableRowElement>) => {
    if (onOpen && isRowClickTarget(e)) onOpen(c.id);
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (onOpen && e.key === 'Enter' && e.target === e.currentTarget) onOpen(c.id);
  };
  const cell = (id: string) => {
    const column = editable.find((col) => col.id === id);
    return column ? <EditableCell contact={c} column={column} editing={editing === id} onStart={setEditing} onFinish={onFinish} /> : null;
  };
  return (
    <Table.Tr
      bg={selected ? 'var(--mantine-color-blue-light)' : undefined}
      data-flash={flash}
      tabIndex={onOpen ? 0 : undefined}
      onClick={onRowClick}
      onKeyDown={onRowKey}
      style={onOpen ? { cursor: 'pointer' } : undefined}
    >
      <Table.Td>
        <Checkbox aria-label={`Select ${c.name}`} checked={selected} onChange={(e) => onSelect([c.id], e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        <NameCell contact={c} />
      </Table.Td>
      <Table.Td>{cell('email')}</Table.Td>
      <Table.Td>{cell('phone')}</Table.Td>
      <Table.Td>
        <CreatedAtCell at={c.createdAt} now={now} />
      </Table.Td>
      <Table.Td>
        <LastInteractionCell contact={c} now={now} />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`Campaign opt-in for ${c.name}`}
          checked={c.campaignOptIn}
          readOnly={!onToggleOptIn}
          onChange={(e) => onToggleOptIn?.(c, e.currentTarget.checked)}
        />
      </Table.Td>
      {contactColumns.map((f) => (
        <Table.Td key={f.id}>{cell(`cf:${f.key}`)}</Table.Td>
      ))}
      {conversationColumns.map((f) => (
        <Table.Td key={f.id}>
          <CustomValueCell field={f} value={c.conversationFields[f.key]} />
        </Table.Td>
      ))}
      <Table.Td>
        <ActionIcon variant="subtle" aria-label={`Edit ${c.name}`} onClick={() => onEdit?.(c)}>
          <IconPencil size={16} aria-hidden />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
});
