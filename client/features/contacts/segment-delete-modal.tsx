// Confirms deleting a saved segment (the contacts themselves are untouched).
import { Button, Group, Modal, Text } from '@mantine/core';
import type { Segment } from '../../../shared/schema';

type Props = { segment: Segment | null; onClose: () => void; onConfirm: (segment: Segment) => void };

export function SegmentDeleteModal({ segment, onClose, onConfirm }: Props) {
  return (
    <Modal opened={segment !== null} onClose={onClose} title="Delete segment">
      <Text size="sm">
        Delete the segment “{segment?.name}”? Its contacts are not deleted; only the saved filter is removed, on every
        device.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" onClick={() => segment && onConfirm(segment)}>
          Delete segment
        </Button>
      </Group>
    </Modal>
  );
}
