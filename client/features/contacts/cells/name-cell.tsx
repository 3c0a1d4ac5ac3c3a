// V6 Name: avatar (image when avatarUrl, else initials on the contact's stable color) + name as text.
import { Avatar, Group, Text } from '@mantine/core';
import type { Contact } from '../../../../shared/schema';
import { avatarColor, initials } from '../avatar-color';

export function NameCell({ contact }: { contact: Contact }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar
        src={contact.avatarUrl || null}
        alt=""
        radius="xl"
        size={30}
        color={avatarColor(contact.id)}
        variant="filled"
      >
        {initials(contact.name)}
      </Avatar>
      <Text size="sm" fw={500} truncate>
        {contact.name}
      </Text>
    </Group>
  );
}
