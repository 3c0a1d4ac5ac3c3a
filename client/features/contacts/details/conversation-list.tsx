// V8: a contact's recent conversations, newest first, read from the device (db.conversations):
// channel, relative time, labels, the last message and the conversation's custom fields.
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Conversation, FieldDefinition } from '../../../../shared/schema';
import { db } from '../../../db/db';
import { CustomValueCell } from '../cells/custom-value-cell';
import { channelName } from '../cells/time-cells';
import { formatExact, formatRelative } from '../relative-time';

/** How many conversations the drawer shows (the newest). */
export const RECENT_CONVERSATIONS = 20;

export async function recentConversations(contactId: string, limit = RECENT_CONVERSATIONS): Promise<Conversation[]> {
  const all = await db.conversations.where('contactId').equals(contactId).toArray();
  return all.sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? 1 : -1)).slice(0, limit);
}

export function ConversationList({ contactId, fields, now }: { contactId: string; fields: FieldDefinition[]; now: number }) {
  const conversations = useLiveQuery(() => recentConversations(contactId), [contactId]);
  if (!conversations) return <Text size="sm" c="dimmed">Loading conversations…</Text>;
  if (conversations.length === 0) return <Text size="sm" c="dimmed">No conversations yet.</Text>;
  const convFields = fields.filter((f) => f.scope === 'conversation');
  return (
    <Stack gap="xs" component="ul" aria-label="Recent conversations" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {conversations.map((c) => (
        <Paper key={c.id} component="li" withBorder p="xs" radius="sm" data-conversation-id={c.id}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {channelName(c.channel)}
            </Text>
            <Text size="xs" c="dimmed" component="time" dateTime={new Date(c.lastMessageAt).toISOString()} title={formatExact(c.lastMessageAt)}>
              {formatRelative(c.lastMessageAt, now)}
            </Text>
          </Group>
          {c.labels.length > 0 && (
            <Group gap={4} mt={4} aria-label="Labels">
              {c.labels.map((l) => (
                <Badge key={l} size="xs" variant="light" tt="none">
                  {l}
                </Badge>
              ))}
            </Group>
          )}
          <Text size="sm" mt={4} lineClamp={3}>
            {c.lastMessageText || 'No message text'}
          </Text>
          {convFields.some((f) => c.customFields[f.key] !== undefined) && (
            <Group gap="md" mt={4}>
              {convFields
                .filter((f) => c.customFields[f.key] !== undefined)
                .map((f) => (
                  <Group key={f.id} gap={4} wrap="nowrap">
                    <Text size="xs" c="dimmed">
                      {f.label}:
                    </Text>
                    <CustomValueCell field={f} value={c.customFields[f.key]} />
                  </Group>
                ))}
            </Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
