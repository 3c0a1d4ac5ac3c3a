// V14: confirm deleting a field, saying how many contacts have a value for it (from the local
// query index). The definition is deleted everywhere after sync; stored values stay on records
// but are no longer shown, filtered or exported.
import { useSyncExternalStore } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FieldDefinition } from '../../../../shared/schema';
import { getQueryEngine } from '../../deps';
import { contactsWithValue } from './field-usage';

type Props = {
  field: FieldDefinition | null;
  fields: readonly FieldDefinition[];
  onClose: () => void;
  onConfirm: (field: FieldDefinition) => void;
};

const fmt = new Intl.NumberFormat();

export function DeleteFieldModal({ field, fields, onClose, onConfirm }: Props) {
  const engine = getQueryEngine();
  // Re-render when the index changes (first load finishing, contacts syncing in).
  useSyncExternalStore(engine.subscribe, () => engine.version);
  const count = field && engine.ready ? contactsWithValue(engine, field, fields) : null;
  const where = field?.scope === 'conversation' ? ' in their recent conversations' : '';

  return (
    <Modal opened={field !== null} onClose={onClose} title="Delete field" closeButtonProps={{ 'aria-label': 'Close' }}>
      {field && (
        <Stack gap="md">
          <Text size="sm">
            Delete the field <b>{field.label}</b>?
          </Text>
          <Text size="sm" data-testid="field-value-count">
            {count === null
              ? 'Counting contacts with a value…'
              : `${fmt.format(count)} ${count === 1 ? 'contact has' : 'contacts have'} a value for it${where}.`}
          </Text>
          <Text size="sm" c="dimmed">
            Its column, filters and export data disappear on every device. This cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" onClick={() => onConfirm(field)}>
              Delete field
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
