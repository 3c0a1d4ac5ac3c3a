// V3: the banner above the table while a segment is applied: its name, how many contacts match,
// a way out, and rename / delete of that segment.
import { ActionIcon, Alert, Button, Group, Menu, Text } from '@mantine/core';
import { IconDots, IconFilter, IconPencil, IconTrash } from '@tabler/icons-react';
import type { Segment } from '../../../shared/schema';

type Props = {
  segment: Segment;
  total: number;
  onLeave: () => void;
  onRename: () => void;
  onDelete: () => void;
};

export function SegmentBanner({ segment, total, onLeave, onRename, onDelete }: Props) {
  return (
    <Alert variant="light" color="blue" icon={<IconFilter size={18} aria-hidden />} p="xs" role="status" aria-label="Active segment">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          Segment: <b>{segment.name}</b> - {total.toLocaleString()} {total === 1 ? 'contact matches' : 'contacts match'}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={onLeave}>
            Leave segment
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label="Segment actions">
                <IconDots size={16} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={14} aria-hidden />} onClick={onRename}>
                Rename segment
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={onDelete}>
                Delete segment
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
    </Alert>
  );
}
