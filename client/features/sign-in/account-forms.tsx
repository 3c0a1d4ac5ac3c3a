// Email + password forms (issue 11): sign in, create an account (and its workspace), join with an
// invite code. Inputs are checked with the same shared schemas the server uses.
import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, Stack, Tabs, TextInput } from '@mantine/core';
import type { z } from 'zod';
import { acceptInviteSchema, signInSchema, signUpSchema } from '../../../shared/accounts';
import type { SignInResponse } from '../../../shared/protocol';
import { formatZodIssues } from './format-issues';

type Api = Parameters<Parameters<typeof import('../deps').signInAndSync>[0]>[0];
export type SignInCall = (api: Api) => Promise<SignInResponse>;

type Props = {
  busy: boolean;
  /** Workspace this device holds data of: signing in prefers it. */
  heldWorkspaceId?: string;
  inviteCode: string;
  deviceName: string;
  onSubmit: (call: SignInCall) => void;
  onInvalid: (message: string) => void;
};

function parse<S extends z.ZodType>(schema: S, value: unknown, onInvalid: (m: string) => void): z.output<S> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  onInvalid(formatZodIssues(result.error));
  return null;
}

export function AccountForms({ busy, heldWorkspaceId, inviteCode, deviceName, onSubmit, onInvalid }: Props) {
  const [tab, setTab] = useState<string | null>(inviteCode ? 'join' : 'sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const [code, setCode] = useState(inviteCode);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (tab === 'sign-up') {
      const input = parse(signUpSchema, { email, password, deviceName, workspaceName }, onInvalid);
      if (input) onSubmit((api) => api.auth.signUp.mutate(input));
    } else if (tab === 'join') {
      const input = parse(acceptInviteSchema, { code, email, password, deviceName }, onInvalid);
      if (input) onSubmit((api) => api.auth.acceptInvite.mutate(input));
    } else {
      const input = parse(signInSchema, { email, password, deviceName, ...(heldWorkspaceId ? { workspaceId: heldWorkspaceId } : {}) }, onInvalid);
      if (input) onSubmit((api) => api.auth.signIn.mutate(input));
    }
  };

  const submitLabel = tab === 'sign-up' ? 'Create account' : tab === 'join' ? 'Join workspace' : 'Sign in';
  return (
    <Tabs value={tab} onChange={setTab} w="100%">
      <Tabs.List grow>
        <Tabs.Tab value="sign-in">Sign in</Tabs.Tab>
        <Tabs.Tab value="sign-up">Create account</Tabs.Tab>
        <Tabs.Tab value="join">Join with invite</Tabs.Tab>
      </Tabs.List>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" pt="md">
          {tab === 'join' && (
            <TextInput label="Invite code" value={code} onChange={(e) => setCode(e.currentTarget.value)} required autoComplete="off" />
          )}
          <TextInput label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} required autoComplete="email" />
          <PasswordInput
            label="Password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            description={tab === 'sign-in' ? undefined : 'At least 8 characters (joining with an existing account: its password)'}
            autoComplete={tab === 'sign-in' ? 'current-password' : 'new-password'}
          />
          {tab === 'sign-up' && (
            <TextInput
              label="Workspace name"
              description="You will be its admin and can invite teammates"
              value={workspaceName}
              onChange={(e) => setWorkspaceName(e.currentTarget.value)}
              required
            />
          )}
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Stack>
      </form>
    </Tabs>
  );
}
