// V4: with Live off the table is a stable snapshot; say how old it is, next to "Sync now".
import { Text, Tooltip } from '@mantine/core';
import { formatExact, formatRelative } from '../contacts/relative-time';
import { useNow } from '../contacts/use-now';

export function snapshotLabel(at: number | null, now: number): string {
  if (at === null) return 'No snapshot yet';
  const relative = formatRelative(at, Math.max(now, at));
  return relative === 'just now' ? 'Snapshot from just now' : `Snapshot from ${relative}`;
}

export function SnapshotAge({ at }: { at: number | null }) {
  const now = useNow();
  const label = snapshotLabel(at, now);
  return (
    <Tooltip label={at === null ? 'Not synced yet' : formatExact(at)} disabled={at === null}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Tooltip>
  );
}
