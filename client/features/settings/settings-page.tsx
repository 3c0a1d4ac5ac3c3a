// V14 shell: Settings. Field management (create/rename/reorder/delete) arrives with its issue;
// this page lists the workspace's field definitions and the device's session.
import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import type { FieldDefinition } from '../../../shared/schema';
import { db } from '../../db/db';
import { signOut } from '../../session';
import { useSession } from '../deps';
import { StorageSection } from './storage/storage-section';
import { SyncSection } from './sync/sync-section';

const NO_FIELDS: FieldDefinition[] = [];

export function SettingsPage() {
  const session = useSession(db);
  const fields = useLiveQuery(() => db.fields.orderBy('position').toArray(), [], NO_FIELDS);
  return (
    <Stack gap="lg" maw={900}>
      <Title order={2}>Settings</Title>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Fields
        </Title>
        <Table aria-label="Custom fields" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Label</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Applies to</Table.Th>
              <Table.Th>Options</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{f.label}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {f.key}
                  </Text>
                </Table.Td>
                <Table.Td>{f.type}</Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none">
                    {f.scope === 'contact' ? 'Contacts' : 'Conversations'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {f.options.join(', ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
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
