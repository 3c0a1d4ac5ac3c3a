// Settings: custom fields (V14, fields/), sync and storage, and the device's session.
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { db } from '../../db/db';
import { signOutDevice, useSession } from '../deps';
import { DevicesSection } from './devices/devices-section';
import { usePermissions } from './workspace/access';
import { WorkspaceSection } from './workspace/workspace-section';
import { FieldsSection } from './fields/fields-section';
import { StorageSection } from './storage/storage-section';
import { SyncSection } from './sync/sync-section';

export function SettingsPage() {
  const session = useSession(db);
  // Issue 11: field definitions are admin-only; the form controls are disabled with the reason shown.
  const { editFields } = usePermissions();
  return (
    <Stack gap="lg" maw={900}>
      <Title order={2}>Settings</Title>
      {editFields.ok ? (
        <FieldsSection />
      ) : (
        <Stack gap="xs">
          <Alert color="gray" variant="light">
            {editFields.reason}
          </Alert>
          <fieldset disabled title={editFields.reason} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <FieldsSection />
          </fieldset>
        </Stack>
      )}
      <WorkspaceSection />
      <DevicesSection />
      <SyncSection />
      <StorageSection />
      <Stack gap="xs" align="flex-start">
        <Title order={3} size="h4">
          This device
        </Title>
        <Text size="sm">Workspace: {session?.workspaceName ?? '…'}</Text>
        <Button variant="default" color="red" onClick={() => void signOutDevice()}>
          Sign out
        </Button>
      </Stack>
    </Stack>
  );
}
