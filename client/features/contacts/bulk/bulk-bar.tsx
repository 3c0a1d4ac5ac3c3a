// V9 bottom action bar (region "Bulk actions"): "N selected", "Select all N matching" once a
// whole page is selected, Delete and Clear selection. Sticks to the bottom of the viewport.
import { Button, Group, Paper, Text, Tooltip } from '@mantine/core';
import { usePermissions } from '../../settings/workspace/access';
import { IconTrash } from '@tabler/icons-react';

type Props = {
  count: number;
  /** Every row of the current page is selected (offer the whole result). */
  pageFullySelected: boolean;
  /** How many contacts match the current search/filter/segment. */
  matching: number;
  onSelectAllMatching: () => void;
  onDelete: () => void;
  onClear: () => void;
};

export function BulkBar({ count, pageFullySelected, matching, onSelectAllMatching, onDelete, onClear }: Props) {
  if (count === 0) return null;
  const fmt = (x: number) => x.toLocaleString('en');
  return (
    <Paper
      role="region"
      aria-label="Bulk actions"
      shadow="md"
      withBorder
      p="sm"
      radius="md"
      pos="sticky"
      bottom={12}
      style={{ zIndex: 5 }}
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <Text fw={600} size="sm" role="status">
            {fmt(count)} selected
          </Text>
          {pageFullySelected && matching > count && (
            <Button variant="subtle" size="xs" onClick={onSelectAllMatching}>
              Select all {fmt(matching)} matching
            </Button>
          )}
        </Group>
        <Group gap="sm">
          <Button variant="default" size="xs" onClick={onClear}>
            Clear selection
          </Button>
          <DeleteButton onDelete={onDelete} />
        </Group>
      </Group>
    </Paper>
  );
}

/** Issue 11: an agent without the delete permission sees Delete disabled, with the reason on hover. */
function DeleteButton({ onDelete }: { onDelete: () => void }) {
  const { deleteContacts } = usePermissions();
  if (deleteContacts.ok) {
    return (
      <Button color="red" size="xs" leftSection={<IconTrash size={14} aria-hidden />} onClick={onDelete}>
        Delete
      </Button>
    );
  }
  return (
    <Tooltip label={deleteContacts.reason} multiline w={280}>
      <Button
        color="red"
        size="xs"
        leftSection={<IconTrash size={14} aria-hidden />}
        data-disabled
        aria-disabled="true"
        aria-description={deleteContacts.reason}
        onClick={(e) => e.preventDefault()}
      >
        Delete
      </Button>
    </Tooltip>
  );
}
