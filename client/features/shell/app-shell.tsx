// V0: the application frame: header (title, description, sync status) and the sidebar.
import type { ReactNode } from 'react';
import { Alert, AppShell, Burger, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { InstallButton } from '../../pwa/install-button';
import { APP_VERSION } from '../../pwa/version';
import { useSyncStatus } from '../deps';
import { Sidebar } from './sidebar';
import { SyncIndicator } from './sync-indicator';

export function Shell({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const status = useSyncStatus();
  return (
    <AppShell header={{ height: 72 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Stack gap={0} miw={0}>
              <Title order={1} size="h3" style={{ whiteSpace: 'nowrap' }}>
                All Contacts
              </Title>
              <Text size="sm" c="dimmed" truncate visibleFrom="xs">
                View, search, filter, edit, and export every contact in your workspace.
              </Text>
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <InstallButton />
            <SyncIndicator />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Sidebar onNavigate={close} />
        <Text size="xs" c="dimmed" px="sm" pt="xs">
          Version {APP_VERSION}
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>
        {status.reloadNeeded && (
          <Alert color="yellow" mb="sm" title="A newer version is open in another tab" role="alert">
            <Group justify="space-between">
              <Text size="sm">This tab must reload to keep using the local database.</Text>
              <Button size="xs" onClick={() => window.location.reload()}>
                Reload
              </Button>
            </Group>
          </Alert>
        )}
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
