// Settings: custom fields (V14, fields/), sync and storage, and the device's session.
import { Button, Stack, Text, Title } from '@mantine/core';
import { db } from '../../db/db';
import { signOut } from '../../session';
import { useSession } from '../deps';
import { FieldsSection } from './fields/fields-section';
import { StorageSection } from './storage/storage-section';
import { SyncSection } from './sync/sync-section';

export function SettingsPage() {
  const session = useSession(db);
  return (
    <Stack gap="lg" maw={900}>
      <Title order={2}>Settings</Title>
      <FieldsSection />
      <SyncSection />
      <StorageSection />
      <Stack gap="xs" align="flex-start">
        <Title order={3} size="h4">
          This device
        </Title>
        <Text size="sm">Workspace: {session?.workspaceName ?? '…'}</Text>
        <Button variant="default" color="red" onClick={() => void signOut(db)}>
          Sign out
        </Button>
      </Stack>
    </Stack>
  );
}
