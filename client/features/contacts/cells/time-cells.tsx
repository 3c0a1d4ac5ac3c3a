// V6 Created At / Last Interaction: relative time; exact time on hover (title), and for
// Last Interaction a hover card with the last message preview and its channel. The hover card is
// mounted only once the row has been pointed at or focused (`withCard`): a Mantine HoverCard per
// row would cost more than the rest of the row on every table update.
import { HoverCard, Stack, Text } from '@mantine/core';
import type { Contact } from '../../../../shared/schema';
import { formatExact, formatRelative } from '../relative-time';
import classes from '../contacts-table.module.css';

/** `withTitle`: the exact-time tooltip, formatted only for rows being pointed at or focused. */
export function CreatedAtCell({ at, now, withTitle = true }: { at: number; now: number; withTitle?: boolean }) {
  return (
    <time className={classes.nowrap} dateTime={new Date(at).toISOString()} title={withTitle ? formatExact(at) : undefined}>
      {formatRelative(at, now)}
    </time>
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

export function LastInteractionCell({ contact, now, withCard = true }: { contact: Contact; now: number; withCard?: boolean }) {
  const at = contact.lastInteractionAt;
  if (at === null) return <span className={classes.dimmed}>Never</span>;
  const time = (
    <time className={classes.nowrap} dateTime={new Date(at).toISOString()} tabIndex={0} style={{ cursor: 'default' }}>
      {formatRelative(at, now)}
    </time>
  );
  if (!withCard) return time;
  return (
    <HoverCard width={320} openDelay={200} shadow="md" withinPortal>
      <HoverCard.Target>{time}</HoverCard.Target>
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
