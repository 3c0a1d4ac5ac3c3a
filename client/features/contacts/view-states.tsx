// V12: the real empty / loading / error states of the contacts view.
import { Alert, Button, Center, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFilterOff, IconUsers } from '@tabler/icons-react';

export function FirstSyncProgress({ received, total }: { received: number; total: number }) {
  const pct = total > 0 ? Math.min(100, (received / total) * 100) : 0;
  return (
    <Center py="xl">
      <Stack w={420} maw="100%" gap="xs">
        <Title order={2} size="h4">
          Downloading your workspace
        </Title>
        <Text size="sm" c="dimmed">
          Every contact is stored on this device so search and filters work instantly, even offline.
        </Text>
        <Progress value={pct} animated aria-label="First sync progress" />
        <Text size="sm" role="status">
          {received.toLocaleString()} of {total > 0 ? total.toLocaleString() : '…'} records
        </Text>
      </Stack>
    </Center>
  );
}

/** Cold start: the index loads (search, filters and name order answer once it is complete). */
export function LoadingContacts({ loaded = 0 }: { loaded?: number }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="xs">
        <Loader aria-label="Loading contacts" />
        {loaded > 0 && (
          <Text size="sm" c="dimmed" role="status">
            Preparing search: {loaded.toLocaleString()} contacts loaded
          </Text>
        )}
      </Stack>
    </Center>
  );
}

export function NoContacts() {
  return (
    <Center py="xl">
      <Stack align="center" gap="xs">
        <IconUsers size={40} aria-hidden stroke={1.4} />
        <Title order={2} size="h4">
          No contacts yet
        </Title>
        <Text size="sm" c="dimmed">
          Contacts appear here as soon as they arrive from your channels or another device.
        </Text>
      </Stack>
    </Center>
  );
}

export function NoMatches({ onClear }: { onClear: () => void }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="xs">
        <IconFilterOff size={40} aria-hidden stroke={1.4} />
        <Title order={2} size="h4">
          No contacts match
        </Title>
        <Text size="sm" c="dimmed">
          Try a different search, or clear the filters to see every contact.
        </Text>
        <Button variant="light" onClick={onClear}>
          Clear filters
        </Button>
      </Stack>
    </Center>
  );
}

export function SyncErrorAlert({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Sync problem" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button size="xs" color="red" variant="light" onClick={onRetry}>
          Retry
        </Button>
      </Stack>
    </Alert>
  );
}

/** P4: reading the device's database failed (quota, private mode, a blocked upgrade). */
export function StorageErrorAlert({ error }: { error: unknown }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Could not read contacts on this device" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
        <Button size="xs" color="red" variant="light" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </Stack>
    </Alert>
  );
}
