// V6 Created At / Last Interaction: relative time; exact time on hover (title), and for
// Last Interaction a hover card with the last message preview and its channel.
import { HoverCard, Stack, Text } from '@mantine/core';
import type { Contact } from '../../../../shared/schema';
import { formatExact, formatRelative } from '../relative-time';

export function CreatedAtCell({ at, now }: { at: number; now: number }) {
  const exact = formatExact(at);
  return (
    <Text size="sm" component="time" dateTime={new Date(at).toISOString()} title={exact} style={{ whiteSpace: 'nowrap' }}>
      {formatRelative(at, now)}
    </Text>
  );
}

const CHANNEL_NAMES: Record<string, string> = {
  email: 'Email',
  whatsapp: 'WhatsApp',
  web_chat: 'Web chat',
  instagram: 'Instagram',
  messenger: 'Messenger',
  sms: 'SMS',
  telegram: 'Telegram',
};

export function channelName(channel: string): string {
  return CHANNEL_NAMES[channel] ?? channel;
}

export function LastInteractionCell({ contact, now }: { contact: Contact; now: number }) {
  const at = contact.lastInteractionAt;
  if (at === null) {
    return (
      <Text size="sm" c="dimmed">
        Never
      </Text>
    );
  }
  return (
    <HoverCard width={320} openDelay={200} shadow="md" withinPortal>
      <HoverCard.Target>
        <Text size="sm" component="time" dateTime={new Date(at).toISOString()} tabIndex={0} style={{ cursor: 'default', whiteSpace: 'nowrap' }}>
          {formatRelative(at, now)}
        </Text>
      </HoverCard.Target>
      <HoverCard.Dropdown>
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {channelName(contact.lastMessageChannel)} · {formatExact(at)}
          </Text>
          <Text size="sm" lineClamp={4}>
            {contact.lastMessagePreview || 'No message text'}
          </Text>
        </Stack>
      </HoverCard.Dropdown>
    </HoverCard>
  );
}
