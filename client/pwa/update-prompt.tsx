// P3: "Update available" notice with a Reload button, shown when a new service worker waits.
import { useEffect, useState } from 'react';
import { Button, Group, Notification } from '@mantine/core';
import { applyUpdate, isUpdateWaiting, onUpdateWaiting } from './register';

export function UpdatePrompt() {
  const [waiting, setWaiting] = useState(isUpdateWaiting);
  useEffect(() => onUpdateWaiting(() => setWaiting(true)), []);
  if (!waiting) return null;
  return (
    <Notification
      title="Update available"
      withCloseButton={false}
      role="status"
      style={{ position: 'fixed', bottom: 16, right: 16, zIndex: 400, maxWidth: 360 }}
    >
      <Group justify="space-between" gap="sm">
        A new version of All Contacts is ready.
        <Button size="xs" onClick={applyUpdate}>
          Reload
        </Button>
      </Group>
    </Notification>
  );
}
