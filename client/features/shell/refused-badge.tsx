// S3 / issue 11: changes the server refused (e.g. an agent's delete) were undone on this device; this
// says so with the server's reasons, and pops a notification when a new refusal arrives.
import { useEffect, useRef } from 'react';
import { Badge, Button, Popover, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { db } from '../../db/db';
import { clearRejectedMutations, useRejectedMutations } from '../deps';

export function RefusedBadge() {
  const rejected = useRejectedMutations(db);
  const seen = useRef(rejected.length);
  useEffect(() => {
    if (rejected.length > seen.current) {
      const newest = rejected[rejected.length - 1];
      notifications.show({ color: 'orange', title: 'Change not saved', message: newest.reason });
    }
    seen.current = rejected.length;
  }, [rejected]);
  if (rejected.length === 0) return null;
  const reasons = [...new Set(rejected.map((r) => r.reason))];
  return (
    <Popover width={320} position="bottom-end" withArrow>
      <Popover.Target>
        <Badge component="button" color="orange" variant="light" style={{ cursor: 'pointer' }} aria-label={`${rejected.length} refused: ${reasons.join('; ')}`}>
          {rejected.length.toLocaleString()} refused
        </Badge>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Not saved (undone on this device)
          </Text>
          {reasons.map((reason) => (
            <Text key={reason} size="sm">
              {reason}
            </Text>
          ))}
          <Button size="xs" variant="default" onClick={() => void clearRejectedMutations(db)}>
            Dismiss
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
