// V6 custom and conversation field values, formatted by type; always rendered as text (Q3).
// URLs become links only for http(s), so a stored "javascript:" value can never run.
import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { CustomValue, FieldDefinition } from '../../../../shared/schema';
import { formatPhone } from '../../../../shared/values';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat();

export function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function formatDateValue(value: string): string {
  const at = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(at) ? value : dateFormat.format(at);
}

export function CustomValueCell({ field, value }: { field: FieldDefinition; value: CustomValue | undefined }) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return null;
  }
  if (Array.isArray(value)) {
    return (
      <Group gap={4} wrap="wrap">
        {value.map((v) => (
          <Badge key={v} size="sm" variant="light" tt="none">
            {v}
          </Badge>
        ))}
      </Group>
    );
  }
  if (typeof value === 'number') return <Text size="sm">{numberFormat.format(value)}</Text>;
  switch (field.type) {
    case 'url': {
      const href = safeHttpUrl(value);
      return href ? (
        <Anchor size="sm" href={href} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()}>
          {value}
        </Anchor>
      ) : (
        <Text size="sm">{value}</Text>
      );
    }
    case 'date':
      return <Text size="sm">{formatDateValue(value)}</Text>;
    case 'phone':
      return <Text size="sm">{formatPhone(value)}</Text>;
    case 'select':
      return (
        <Badge size="sm" variant="light" tt="none">
          {value}
        </Badge>
      );
    default:
      return (
        <Text size="sm" truncate maw={240}>
          {value}
        </Text>
      );
  }
}
