// Settings > Storage (P4): how much this device stores, its quota, and whether the browser keeps
// the data (persistent) or may evict it under pressure. Also the running app version (P3).
import { Badge, Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { APP_VERSION } from '../../../pwa/version';
import { formatBytes, useStorageInfo } from './use-storage-info';

export function StorageSection() {
  const { info, requestPersist } = useStorageInfo();
  const share = info?.usage != null && info.quota ? Math.min(100, (info.usage / info.quota) * 100) : null;
  return (
    <Stack gap="xs" align="flex-start" maw={520}>
      <Title order={3} size="h4">
        Storage
      </Title>
      {!info && <Text size="sm">Checking storage…</Text>}
      {info && !info.supported && <Text size="sm">This browser does not report storage use.</Text>}
      {info?.supported && (
        <>
          <Text size="sm" aria-label="Storage used">
            {info.usage != null ? formatBytes(info.usage) : 'Unknown'} used
            {info.quota != null ? ` of ${formatBytes(info.quota)} available` : ''}
          </Text>
          {share !== null && <Progress value={Math.max(share, 1)} w={320} aria-label="Share of storage used" />}
          <Group gap="xs">
            {info.persisted ? (
              <Badge color="green" variant="light">
                Persistent
              </Badge>
            ) : (
              <Badge color="yellow" variant="light">
                Not persistent
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {info.persisted
                ? 'The browser will not clear this data to free space.'
                : 'The browser may clear local data when the disk runs low; unsynced changes would be lost.'}
            </Text>
          </Group>
          {info.persisted === false && (
            <Button size="xs" variant="default" onClick={() => void requestPersist()}>
              Keep data on this device
            </Button>
          )}
        </>
      )}
      <Text size="sm" c="dimmed">
        App version {APP_VERSION}
      </Text>
    </Stack>
  );
}
