// S9: shown when this device has no session. The demo workspace opens with one click.
import { useState } from 'react';
import { Alert, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { signInDemoAndSync } from '../deps';

function deviceName(): string {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : /Chrom/.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  return `${browser} on ${navigator.platform || 'this device'}`.slice(0, 120);
}

export function SignInScreen() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await signInDemoAndSync(deviceName());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" maw={440} w="100%">
        <Stack gap="md" align="flex-start">
          <IconAddressBook size={40} stroke={1.4} aria-hidden color="var(--mantine-color-blue-6)" />
          <Title order={1} size="h2">
            All Contacts
          </Title>
          <Text c="dimmed">
            Every contact of your workspace, on this device: search, filter, edit and export instantly, even offline.
          </Text>
          {error && (
            <Alert color="red" variant="light" role="alert" w="100%">
              Could not open the workspace: {error}
            </Alert>
          )}
          <Button size="md" loading={busy} onClick={open}>
            Open demo workspace
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
