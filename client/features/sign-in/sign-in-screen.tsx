// S9 / issue 11: shown when this device has no session. Email + password sign-in, sign-up and invite
// join; with DEMO on, the demo workspace also opens with one click. After a revoked or expired token
// the device's unsynced changes are kept and sent once the same user signs in again.
import { useEffect, useState } from 'react';
import { Alert, Button, Center, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { db } from '../../db/db';
import { heldWorkspaceId } from '../../session';
import { getSyncApi, signInAndSync, signInDemoAndSync } from '../deps';
import { AccountForms, type SignInCall } from './account-forms';
import { deviceName } from './device-name';

function inviteFromUrl(): string {
  return new URLSearchParams(globalThis.location?.search ?? '').get('invite') ?? '';
}
// Read when the bundle loads: the app then rewrites "/" to "/contacts", dropping the query.
let inviteAtLoad = inviteFromUrl();

function useDemoEnabled(): boolean {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    let alive = true;
    getSyncApi()
      .auth.config.query()
      .then((c) => alive && setDemo(c.demo))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return demo;
}

/** The workspace whose data (and maybe unsynced changes) this device still holds. */
function useHeld(): { workspaceId?: string; pending: number } {
  const [held, setHeld] = useState<{ workspaceId?: string; pending: number }>({ pending: 0 });
  useEffect(() => {
    void Promise.all([heldWorkspaceId(db), db.outbox.count()]).then(([workspaceId, pending]) => setHeld({ workspaceId, pending }));
  }, []);
  return held;
}

export function SignInScreen() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const demo = useDemoEnabled();
  const held = useHeld();
  const [invite] = useState(() => inviteFromUrl() || inviteAtLoad);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      inviteAtLoad = ''; // used (or not needed): a later sign-in screen starts at "Sign in"
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  const submit = (call: SignInCall) => void run(() => signInAndSync(call));

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" maw={460} w="100%">
        <Stack gap="md" align="flex-start">
          <IconAddressBook size={40} stroke={1.4} aria-hidden color="var(--mantine-color-blue-6)" />
          <Title order={1} size="h2">
            All Contacts
          </Title>
          <Text c="dimmed">
            Every contact of your workspace, on this device: search, filter, edit and export instantly, even offline.
          </Text>
          {held.workspaceId && (
            <Alert color="blue" variant="light" w="100%" title="Sign in again">
              This device is signed out.
              {held.pending > 0
                ? ` ${held.pending.toLocaleString()} change(s) made here are kept and will be sent after you sign in to the same workspace.`
                : ' Its data is kept for when you sign in to the same workspace.'}
            </Alert>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert" w="100%">
              Could not sign in: {error}
            </Alert>
          )}
          {demo && (
            <>
              <Button size="md" loading={busy} onClick={() => void run(() => signInDemoAndSync(deviceName()))}>
                Open demo workspace
              </Button>
              <Divider w="100%" label="or use your account" labelPosition="center" />
            </>
          )}
          <AccountForms
            busy={busy}
            heldWorkspaceId={held.workspaceId}
            inviteCode={invite}
            deviceName={deviceName()}
            onSubmit={submit}
            onInvalid={setError}
          />
        </Stack>
      </Paper>
    </Center>
  );
}
