// V5: the Columns chooser: one checkbox per contact custom field and per conversation field.
import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import type { FieldDefinition } from '../../../shared/schema';
import { columnId } from './column-prefs';

type Props = { fields: FieldDefinition[]; visible: ReadonlySet<string>; onToggle: (id: string, on: boolean) => void };

function FieldChecks({ title, fields, visible, onToggle }: Props & { title: string }) {
  if (fields.length === 0) return null;
  return (
    <Stack gap={6} role="group" aria-label={title}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {title}
      </Text>
      {fields.map((f) => (
        <Checkbox
          key={f.id}
          label={f.label}
          checked={visible.has(columnId(f))}
          onChange={(e) => onToggle(columnId(f), e.currentTarget.checked)}
        />
      ))}
    </Stack>
  );
}

export function ColumnsMenu({ fields, visible, onToggle }: Props) {
  const sorted = [...fields].sort((a, b) => a.position - b.position);
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} aria-hidden />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={320} mah={420} style={{ overflowY: 'auto' }}>
        <Stack gap="md">
          <FieldChecks title="Contact fields" fields={sorted.filter((f) => f.scope === 'contact')} visible={visible} onToggle={onToggle} />
          <FieldChecks
            title="Conversation fields"
            fields={sorted.filter((f) => f.scope === 'conversation')}
            visible={visible}
            onToggle={onToggle}
          />
          {fields.length === 0 && (
            <Text size="sm" c="dimmed">
              No custom fields yet.
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
