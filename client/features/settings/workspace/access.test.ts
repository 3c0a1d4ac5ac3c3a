import { describe, expect, it } from 'vitest';
import type { Access } from '../../../../shared/accounts';
import { DENIED, permissions } from './access';

const access = (role: Access['role'], agentsMayDelete: boolean, agentsMayExport: boolean): Access => ({
  email: 'x@example.com',
  role,
  settings: { agentsMayDelete, agentsMayExport },
  workspace: { id: 'w', name: 'W' },
});

describe('permissions', () => {
  it('[S9] agents follow the workspace settings and never edit fields; admins may do everything', () => {
    expect(permissions(access('agent', false, true))).toEqual({
      deleteContacts: { ok: false, reason: DENIED.delete },
      exportCsv: { ok: true },
      editFields: { ok: false, reason: DENIED.fields },
      admin: false,
    });
    expect(permissions(access('agent', true, false))).toMatchObject({ deleteContacts: { ok: true }, exportCsv: { ok: false, reason: DENIED.export } });
    expect(permissions(access('admin', false, false))).toEqual({ deleteContacts: { ok: true }, exportCsv: { ok: true }, editFields: { ok: true }, admin: true });
    expect(permissions(null).deleteContacts.ok).toBe(true); // unknown: the server still decides
  });
});
