// Settings › Devices (issue 11): the signed-in user's devices with last seen / last sync, and Revoke.
// A revoked device shows sign-in on its next sync; its unsynced changes wait there for a new sign-in.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { DeviceInfo } from '../../../../shared/accounts';
import { formatRelative } from '../../contacts/relative-time';
import { getSignedInApi } from '../../deps';

function when(at: number | null, now: number): string {
  return at === null ? 'never' : formatRelative(at, Math.max(now, at));
}

export function DevicesSection() {
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    getSignedInApi()
      .then((api) => api.workspace.devices.query())
      .then((list) => {
        setDevices(list);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(load, [load]);

  const revoke = async (d: DeviceInfo) => {
    try {
      await (await getSignedInApi()).workspace.revokeDevice.mutate({ id: d.id });
      load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const now = Date.now();
  return (
    <Stack gap="xs" align="stretch">
      <Title order={3} size="h4">
        Devices
      </Title>
      <Text size="sm" c="dimmed">
        Browsers signed in to your account (admins: every member's). Revoking one signs it out; changes it has not sent yet are sent after it signs in again.
      </Text>
      {error && (
        <Alert color="red" variant="light" role="alert">
          Could not load devices: {error}
        </Alert>
      )}
      {devices && (
        <Table aria-label="Devices" striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>User</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>Last sync</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {d.name} {d.current && <Badge variant="light">This device</Badge>}
                </Table.Td>
                <Table.Td>{d.owner ?? '—'}</Table.Td>
                <Table.Td>{when(d.lastSeenAt ?? d.createdAt, now)}</Table.Td>
                <Table.Td>{when(d.lastSyncAt, now)}</Table.Td>
                <Table.Td>
                  {d.revokedAt !== null ? (
                    <Text size="sm" c="dimmed">
                      Revoked
                    </Text>
                  ) : (
                    <Button size="xs" variant="default" color="red" aria-label={`Revoke ${d.name}${d.owner ? ` of ${d.owner}` : ''}${d.current ? ' (this device)' : ''}`} onClick={() => void revoke(d)}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
