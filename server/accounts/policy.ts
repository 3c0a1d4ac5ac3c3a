// What a role may push (issue 11 item 3). Checked per mutation inside the push transaction: a refused
// mutation is 'rejected' with the reason, the rest of the batch still applies.
//   admin: everything.
//   agent: create/edit contacts; delete contacts only when the workspace allows it; never field
//          definitions (V14); create segments, and change or delete only the segments they created
//          (segments made by admins are the workspace's shared segments).
import type { Mutation } from '../../shared/mutations';
import type { Role, StorageTx, WorkspaceSettings } from '../storage/types';

export type Caller = { userId: string | null; role: Role; settings: WorkspaceSettings };

export type PushPolicy = {
  /** Why the caller may not make `m`, or null when allowed. */
  check(tx: StorageTx, workspaceId: string, m: Mutation): Promise<string | null>;
  /** After `m` applied (records who created a segment). */
  applied(tx: StorageTx, workspaceId: string, m: Mutation): Promise<void>;
};

export const REASONS = {
  delete: 'Agents may not delete contacts in this workspace (an admin can allow it in Settings › Workspace)',
  fields: 'Only admins can change field definitions',
  segment: "Only admins can change shared segments; agents can change the segments they created",
} as const;

export function pushPolicy(caller: Caller): PushPolicy {
  return {
    async check(tx, workspaceId, m) {
      if (caller.role === 'admin') return null;
      switch (m.name) {
        case 'contact.delete':
          return caller.settings.agentsMayDelete ? null : REASONS.delete;
        case 'field.create':
        case 'field.patch':
        case 'field.delete':
          return REASONS.fields;
        case 'segment.patch':
        case 'segment.delete': {
          const creator = await tx.getCreator(workspaceId, m.args.id);
          return creator !== null && creator === caller.userId ? null : REASONS.segment;
        }
        default:
          return null;
      }
    },
    async applied(tx, workspaceId, m) {
      if (m.name === 'segment.create' && caller.userId) await tx.setCreator(workspaceId, m.args.id, caller.userId);
    },
  };
}
