// One contacts table row (V6). Memoised: paging, typing and Live refreshes re-render only the
// rows whose contact, selection or clock actually changed.
import { memo } from 'react';
import { ActionIcon, Checkbox, Switch, Table, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { Contact, FieldDefinition } from '../../../shared/schema';
import { formatPhone } from '../../../shared/values';
import { CustomValueCell } from './cells/custom-value-cell';
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
  now: number;
};

export const ContactRow = memo(function ContactRow({ contact: c, contactColumns, conversationColumns, selected, onSelect, onToggleOptIn, onEdit, now }: Props) {
  return (
    <Table.Tr bg={selected ? 'var(--mantine-color-blue-light)' : undefined}>
      <Table.Td>
        <Checkbox aria-label={`Select ${c.name}`} checked={selected} onChange={(e) => onSelect([c.id], e.currentTarget.checked)} />
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
        <Table.Td key={f.id}>
          <CustomValueCell field={f} value={c.customFields[f.key]} />
        </Table.Td>
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
