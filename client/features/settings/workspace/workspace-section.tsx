// Settings › Workspace (issue 11): your role, what agents may do (admin only), invites, members.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import type { InviteResponse, Member, Role, WorkspaceSettings } from '../../../../shared/accounts';
import { getSignedInApi } from '../../deps';
import { refreshAccess, setAccess, useAccess } from './access';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function WorkspaceSection() {
  const access = useAccess();
  const [error, setError] = useState<string | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [invite, setInvite] = useState<InviteResponse | null>(null);
  const [inviteRole, setInviteRole] = useState<Role>('agent');
  const admin = access?.role === 'admin';

  useEffect(() => {
    void refreshAccess(true);
    getSignedInApi()
      .then((api) => api.workspace.members.query())
      .then(setMembers)
      .catch(() => undefined);
  }, []);

  const toggle = async (patch: Partial<WorkspaceSettings>) => {
    if (!access) return;
    const settings = { ...access.settings, ...patch };
    setError(null);
    try {
      setAccess({ ...access, settings: await (await getSignedInApi()).workspace.updateSettings.mutate(settings) });
    } catch (e) {
      setError(message(e));
    }
  };
  const createInvite = async () => {
    setError(null);
    try {
      setInvite(await (await getSignedInApi()).workspace.createInvite.mutate({ role: inviteRole, expiresInHours: 72 }));
    } catch (e) {
      setError(message(e));
    }
  };

  const why = admin ? undefined : 'Only admins can change workspace settings';
  return (
    <Stack gap="xs" align="flex-start">
      <Title order={3} size="h4">
        Workspace
      </Title>
      <Text size="sm">
        {access ? `${access.workspace.name}: you are ${access.role === 'admin' ? 'an admin' : 'an agent'}${access.email ? ` (${access.email})` : ''}.` : 'Loading…'}
      </Text>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Switch
        label="Agents may delete contacts"
        checked={access?.settings.agentsMayDelete ?? false}
        disabled={!admin}
        description={why}
        onChange={(e) => void toggle({ agentsMayDelete: e.currentTarget.checked })}
      />
      <Switch
        label="Agents may export CSV"
        checked={access?.settings.agentsMayExport ?? true}
        disabled={!admin}
        description={why}
        onChange={(e) => void toggle({ agentsMayExport: e.currentTarget.checked })}
      />
      <Text size="xs" c="dimmed">
        Field definitions and shared segments are admin-only; agents can search, filter, edit contacts and keep their own segments.
      </Text>
      {admin && (
        <Stack gap="xs" mt="sm" align="flex-start">
          <Title order={4} size="h5">
            Invite a teammate
          </Title>
          <Group align="flex-end">
            <Select
              label="Role"
              data={[
                { value: 'agent', label: 'Agent' },
                { value: 'admin', label: 'Admin' },
              ]}
              value={inviteRole}
              onChange={(v) => setInviteRole(v === 'admin' ? 'admin' : 'agent')}
              allowDeselect={false}
              w={140}
            />
            <Button onClick={() => void createInvite()}>Create invite</Button>
          </Group>
          {invite && (
            <Stack gap={4} w="100%" maw={520}>
              <TextInput label="Invite code" value={invite.code} readOnly onFocus={(e) => e.currentTarget.select()} />
              <TextInput label="Invite link" value={`${location.origin}/?invite=${invite.code}`} readOnly onFocus={(e) => e.currentTarget.select()} />
              <Text size="xs" c="dimmed">
                One use, {invite.role} role, expires {new Date(invite.expiresAt).toLocaleString()}.
              </Text>
            </Stack>
          )}
        </Stack>
      )}
      {members.length > 0 && (
        <Table aria-label="Members" withTableBorder maw={520} mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th>Role</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.email}>
                <Table.Td>{m.email}</Table.Td>
                <Table.Td>{m.role}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
