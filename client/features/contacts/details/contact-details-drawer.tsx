// V8 Contact details drawer (a dialog titled "Contact details"): profile with avatar, recent
// conversations newest first, every contact custom field, and an Edit action. Live: it follows
// changes to the contact; if the contact is deleted elsewhere the owner closes it (onGone).
import { Fragment } from 'react';
import { Anchor, Avatar, Box, Button, Divider, Drawer, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { Contact, FieldDefinition } from '../../../../shared/schema';
import { formatPhone } from '../../../../shared/values';
import { avatarColor, initials } from '../avatar-color';
import { CustomValueCell } from '../cells/custom-value-cell';
import { formatExact, formatRelative } from '../relative-time';
import { useNow } from '../use-now';
import { ConversationList } from './conversation-list';
import { useLiveContact } from './use-live-contact';

type Props = {
  contactId: string | null;
  fields: FieldDefinition[];
  onClose: () => void;
  onEdit: (id: string) => void;
  onGone: (id: string) => void;
};

export function ContactDetailsDrawer({ contactId, fields, onClose, onEdit, onGone }: Props) {
  const contact = useLiveContact(contactId, onGone);
  return (
    <Drawer opened={contactId !== null} onClose={onClose} title="Contact details" position="right" size="lg">
      {contact ? <Details contact={contact} fields={fields} onEdit={onEdit} /> : <Loader size="sm" aria-label="Loading contact" />}
    </Drawer>
  );
}

function Details({ contact: c, fields, onEdit }: { contact: Contact; fields: FieldDefinition[]; onEdit: (id: string) => void }) {
  const now = useNow();
  const contactFields = fields.filter((f) => f.scope === 'contact').sort((a, b) => a.position - b.position);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="md" wrap="nowrap" miw={0}>
          <Avatar src={c.avatarUrl || null} alt={c.avatarUrl ? `Photo of ${c.name}` : ''} radius="xl" size={64} color={avatarColor(c.id)} variant="filled">
            {initials(c.name)}
          </Avatar>
          <Stack gap={2} miw={0}>
            <Title order={2} size="h4">
              {c.name}
            </Title>
            {c.email ? (
              <Anchor size="sm" href={`mailto:${c.email}`}>
                {c.email}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                No email
              </Text>
            )}
            <Text size="sm">{c.phone ? formatPhone(c.phone) : 'No phone'}</Text>
          </Stack>
        </Group>
        <Button variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => onEdit(c.id)}>
          Edit
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Created {formatRelative(c.createdAt, now)} ({formatExact(c.createdAt)}) · Campaign opt-in: {c.campaignOptIn ? 'yes' : 'no'}
      </Text>
      <Divider />
      <Title order={3} size="h5">
        Custom fields
      </Title>
      {contactFields.length === 0 ? (
        <Text size="sm" c="dimmed">
          No custom fields defined.
        </Text>
      ) : (
        <SimpleGrid component="dl" cols={2} spacing="xs" verticalSpacing={6} m={0} aria-label="Custom fields">
          {contactFields.map((f) => (
            <Fragment key={f.id}>
              <Text component="dt" size="sm" c="dimmed">
                {f.label}
              </Text>
              <Box component="dd" m={0}>
                {c.customFields[f.key] === undefined ? <Text size="sm" c="dimmed">—</Text> : <CustomValueCell field={f} value={c.customFields[f.key]} />}
              </Box>
            </Fragment>
          ))}
        </SimpleGrid>
      )}
      <Divider />
      <Title order={3} size="h5">
        Recent conversations ({c.conversationCount.toLocaleString()})
      </Title>
      <ConversationList contactId={c.id} fields={fields} now={now} />
    </Stack>
  );
}
