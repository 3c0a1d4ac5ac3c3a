// V14: Settings › Fields: contact and conversation custom fields: create, rename, reorder,
// edit select options, delete (with confirmation). Every change goes through the local change
// API, so it is instant, survives offline and syncs.
import { useMemo, useState } from 'react';
import { ActionIcon, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { FieldDefinition, FieldScope } from '../../../../shared/schema';
import { fieldsInOrder } from '../../../../shared/csv/rows';
import { db } from '../../../db/db';
import { applyLocalChanges, createField, deleteField, patchField } from '../../deps';
import { DeleteFieldModal } from './delete-field-modal';
import { FieldFormModal, type FieldFormTarget, type FieldFormValues } from './field-form-modal';
import { moveField, nextPosition } from './field-order';
import { FIELD_TYPE_LABELS } from './field-types';

const NO_FIELDS: FieldDefinition[] = [];

function showError(e: unknown): void {
  notifications.show({ color: 'red', title: 'Not saved', message: e instanceof Error ? e.message : String(e) });
}

type ListProps = {
  title: string;
  scope: FieldScope;
  fields: readonly FieldDefinition[];
  onAdd: (scope: FieldScope) => void;
  onEdit: (f: FieldDefinition) => void;
  onDelete: (f: FieldDefinition) => void;
  onMove: (f: FieldDefinition, direction: -1 | 1) => void;
};

function FieldList({ title, scope, fields, onAdd, onEdit, onDelete, onMove }: ListProps) {
  const list = fieldsInOrder(fields, scope);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4} size="h5">
          {title}
        </Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onAdd(scope)}>
          {scope === 'contact' ? 'Add contact field' : 'Add conversation field'}
        </Button>
      </Group>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          No {scope} fields yet.
        </Text>
      ) : (
        <Table aria-label={title} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Label</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Options</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((f, i) => (
              <Table.Tr key={f.id}>
                <Table.Td>{f.label}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {f.key}
                  </Text>
                </Table.Td>
                <Table.Td>{FIELD_TYPE_LABELS[f.type]}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {f.options.join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <ActionIcon variant="subtle" aria-label={`Move ${f.label} up`} disabled={i === 0} onClick={() => onMove(f, -1)}>
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" aria-label={`Move ${f.label} down`} disabled={i === list.length - 1} onClick={() => onMove(f, 1)}>
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" aria-label={`Edit ${f.label}`} onClick={() => onEdit(f)}>
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={`Delete ${f.label}`} onClick={() => onDelete(f)}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function FieldsSection() {
  const fields = useLiveQuery(() => db.fields.toArray(), [], NO_FIELDS);
  const [form, setForm] = useState<FieldFormTarget | null>(null);
  const [deleting, setDeleting] = useState<FieldDefinition | null>(null);
  const takenKeys = useMemo(() => new Set(fields.map((f) => f.key)), [fields]);

  const submit = async (values: FieldFormValues): Promise<void> => {
    if (!form) return;
    if (form.mode === 'create') {
      await createField(db, { ...values, scope: form.scope, position: nextPosition(fields, form.scope) });
      return;
    }
    const f = form.field;
    const patch: { label?: string; options?: string[] } = {};
    if (values.label !== f.label) patch.label = values.label;
    if (values.options.join('\n') !== f.options.join('\n')) patch.options = values.options;
    if (Object.keys(patch).length) await patchField(db, f.id, patch);
  };

  const move = (f: FieldDefinition, direction: -1 | 1) => {
    const patches = moveField(fields, f.id, direction);
    if (patches.length === 0) return;
    // All position changes in one transaction, so the list is never seen half-reordered.
    applyLocalChanges(
      db,
      patches.map((p) => ({ name: 'field.patch' as const, args: { id: p.id, position: p.position } })),
    ).catch(showError);
  };

  const lists = { fields, onAdd: (scope: FieldScope) => setForm({ mode: 'create', scope }), onEdit: (f: FieldDefinition) => setForm({ mode: 'edit', field: f }), onDelete: setDeleting, onMove: move };
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        Fields
      </Title>
      <FieldList title="Contact fields" scope="contact" {...lists} />
      <FieldList title="Conversation fields" scope="conversation" {...lists} />
      <FieldFormModal target={form} takenKeys={takenKeys} onClose={() => setForm(null)} onSubmit={submit} />
      <DeleteFieldModal
        field={deleting}
        fields={fields}
        onClose={() => setDeleting(null)}
        onConfirm={(f) => {
          setDeleting(null);
          deleteField(db, f.id).catch(showError);
        }}
      />
    </Stack>
  );
}
