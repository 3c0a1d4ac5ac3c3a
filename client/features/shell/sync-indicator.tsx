// S8: sync status in the header: online/offline, syncing, last synced, pending changes, errors,
// and "Sync now" (pulls on demand, also while Live is off, next to how old the snapshot is).
import { Badge, Button, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconCloudOff, IconRefresh } from '@tabler/icons-react';
import { getSyncEngine, useSyncStatus } from '../deps';
import { formatExact, formatRelative } from '../contacts/relative-time';
import { useNow } from '../contacts/use-now';
import { RefusedBadge } from './refused-badge';
import { SnapshotAge } from './snapshot-age';

export function SyncIndicator() {
  const status = useSyncStatus();
  const now = useNow();
  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-label="Sync status">
      {status.online ? (
        <Badge color="green" variant="dot" visibleFrom="sm">
          Online
        </Badge>
      ) : (
        // S8: offline says how much is waiting; the 'online' event syncs at once.
        <Badge color="gray" variant="light" leftSection={<IconCloudOff size={12} aria-hidden />} tt="none">
          {status.pending > 0 ? `Offline · ${status.pending.toLocaleString()} pending` : 'Offline'}
        </Badge>
      )}
      {status.syncing && (
        <Group gap={4} wrap="nowrap">
          <Loader size={12} aria-hidden />
          <Text size="xs">Syncing…</Text>
        </Group>
      )}
      {!status.syncing && status.lastSyncedAt !== null && status.live && (
        <Tooltip label={formatExact(status.lastSyncedAt)}>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            Synced {formatRelative(status.lastSyncedAt, Math.max(now, status.lastSyncedAt))}
          </Text>
        </Tooltip>
      )}
      {!status.live && <SnapshotAge at={status.lastSyncedAt} />}
      {status.pending > 0 && status.online && (
        <Badge color="yellow" variant="light">
          {status.pending.toLocaleString()} pending
        </Badge>
      )}
      {/* The server's reasons (issue 11: e.g. an agent may not delete) on click and as a notification. */}
      <RefusedBadge />
      {status.lastError && (
        <Tooltip label={status.lastError} multiline w={260}>
          <Badge color="red" variant="light" title={status.lastError}>
            Sync error
          </Badge>
        </Tooltip>
      )}
      <Button
        size="xs"
        variant="default"
        leftSection={<IconRefresh size={14} aria-hidden />}
        onClick={() => void getSyncEngine().syncNow()}
        disabled={status.syncing}
      >
        Sync now
      </Button>
    </Group>
  );
}
