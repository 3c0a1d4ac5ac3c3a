// V14: create a field (label, key slugged from the label and editable, type, options) or edit one
// (rename, change select options). Key and type are fixed once created: values are stored by key
// and checked by type on every device.
import { useEffect, useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, TagsInput, TextInput } from '@mantine/core';
import { LIMITS } from '../../../../shared/limits';
import { FIELD_TYPES, type FieldDefinition, type FieldScope, type FieldType } from '../../../../shared/schema';
import { keyProblem, uniqueKey } from './field-key';
import { FIELD_TYPE_LABELS, hasOptions } from './field-types';

export type FieldFormValues = { label: string; key: string; type: FieldType; options: string[] };

export type FieldFormTarget = { mode: 'create'; scope: FieldScope } | { mode: 'edit'; field: FieldDefinition };

type Props = {
  target: FieldFormTarget | null;
  /** Keys already used (any scope): the device refuses a duplicate key. */
  takenKeys: ReadonlySet<string>;
  onClose: () => void;
  onSubmit: (values: FieldFormValues) => Promise<void>;
};

const SCOPE_NAMES: Record<FieldScope, string> = { contact: 'contact field', conversation: 'conversation field' };

export function FieldFormModal({ target, takenKeys, onClose, onSubmit }: Props) {
  const editing = target?.mode === 'edit' ? target.field : null;
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [type, setType] = useState<FieldType>('text');
  const [options, setOptions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    setLabel(editing?.label ?? '');
    setKey(editing?.key ?? '');
    setKeyEdited(false);
    setType(editing?.type ?? 'text');
    setOptions(editing?.options ?? []);
    setError(null);
  }, [target, editing]);

  const onLabel = (next: string) => {
    setLabel(next);
    if (!editing && !keyEdited) setKey(uniqueKey(next, takenKeys));
  };

  const labelError = label.trim() ? null : 'Label is required';
  const keyError = editing ? null : keyProblem(key, takenKeys);
  const optionsError = hasOptions(type) && options.length === 0 ? 'Add at least one option' : null;

  const submit = async () => {
    if (labelError || keyError || optionsError) return setError(labelError ?? keyError ?? optionsError);
    setBusy(true);
    try {
      await onSubmit({ label: label.trim(), key, type, options: hasOptions(type) ? options : [] });
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const title = target?.mode === 'create' ? `New ${SCOPE_NAMES[target.scope]}` : 'Edit field';
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Label"
            data-autofocus
            maxLength={LIMITS.fieldLabelMax}
            value={label}
            onChange={(e) => onLabel(e.currentTarget.value)}
            error={error && labelError ? labelError : null}
          />
          <TextInput
            label="Key"
            description={editing ? 'The key cannot change after creation.' : 'Used in imports and the API; lower_snake_case.'}
            ff="monospace"
            maxLength={LIMITS.fieldKeyMax}
            value={key}
            disabled={editing !== null}
            onChange={(e) => {
              setKey(e.currentTarget.value);
              setKeyEdited(true);
            }}
            error={keyError && (keyEdited || error) ? keyError : null}
          />
          <NativeSelect
            label="Type"
            value={type}
            disabled={editing !== null}
            data={FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }))}
            onChange={(e) => setType(e.currentTarget.value as FieldType)}
          />
          {hasOptions(type) && (
            <TagsInput
              label="Options"
              description="Press Enter or type a comma after each option."
              value={options}
              onChange={(next) => setOptions([...new Set(next.map((o) => o.trim()).filter(Boolean))])}
              maxTags={LIMITS.fieldOptionsMax}
              maxLength={LIMITS.fieldOptionMax}
              acceptValueOnBlur
              clearable
              error={error && optionsError ? optionsError : null}
            />
          )}
          {error && !labelError && !keyError && !optionsError && (
            <div role="alert" style={{ color: 'var(--mantine-color-error)', fontSize: 'var(--mantine-font-size-sm)' }}>
              {error}
            </div>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {editing ? 'Save' : 'Create field'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
