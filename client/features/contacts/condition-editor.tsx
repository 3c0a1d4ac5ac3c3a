// V2/D6: one quick-filter condition: field -> operator -> a value editor that fits the value
// shape the shared validator expects (valueShapeOf), so the editor and evaluator always agree.
import { ActionIcon, Group, MultiSelect, NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { FilterCondition, FilterValue, Operator } from '../../../shared/schema';
import { operatorLabel, operatorsFor, valueShapeOf, type FilterFieldInfo, type ValueShape } from '../../../shared/filter/fields';

const DEFAULT_DAYS = 30;

/** The starting value when an operator is chosen, shaped as filterValueSchema expects. */
export function initialValue(shape: ValueShape): FilterValue {
  switch (shape) {
    case 'none':
    case 'number':
      return null;
    case 'options':
      return [];
    case 'numberRange':
    case 'dayRange':
      return ['', ''];
    case 'days':
      return DEFAULT_DAYS;
    default:
      return '';
  }
}

export function conditionFor(field: FilterFieldInfo, operator: Operator = operatorsFor(field.kind)[0]): FilterCondition {
  return { field: field.id, operator, value: initialValue(valueShapeOf(field.kind, operator)) };
}

type Props = {
  index: number;
  condition: FilterCondition;
  fields: FilterFieldInfo[];
  knownLabels: string[];
  error: string | null;
  onChange: (next: FilterCondition) => void;
  onRemove: () => void;
};

export function ConditionEditor({ index, condition, fields, knownLabels, error, onChange, onRemove }: Props) {
  const field = fields.find((f) => f.id === condition.field) ?? fields[0];
  const n = index + 1;
  return (
    <Group align="flex-start" gap="xs" wrap="nowrap" role="group" aria-label={`Condition ${n}`}>
      <Select
        aria-label="Field"
        w={170}
        searchable
        allowDeselect={false}
        data={fields.map((f) => ({ value: f.id, label: f.label }))}
        value={condition.field}
        onChange={(id) => {
          const next = fields.find((f) => f.id === id);
          if (next) onChange(conditionFor(next));
        }}
      />
      <Select
        aria-label="Operator"
        w={180}
        allowDeselect={false}
        data={operatorsFor(field.kind).map((op) => ({ value: op, label: operatorLabel(op) }))}
        value={condition.operator}
        onChange={(op) => {
          if (op) onChange(conditionFor(field, op as Operator));
        }}
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        <ValueEditor
          shape={valueShapeOf(field.kind, condition.operator)}
          value={condition.value}
          options={field.kind === 'label' ? knownLabels : (field.options ?? [])}
          freeOptions={field.kind === 'label'}
          error={error}
          onChange={(value) => onChange({ ...condition, value })}
        />
      </div>
      <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove condition ${n}`} onClick={onRemove}>
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

type ValueProps = {
  shape: ValueShape;
  value: FilterValue;
  options: string[];
  /** Labels: any text may be entered; known ones are suggested. */
  freeOptions: boolean;
  error: string | null;
  onChange: (value: FilterValue) => void;
};

const asNumber = (v: unknown): number | string => (typeof v === 'number' ? v : '');
const asText = (v: unknown): string => (typeof v === 'string' ? v : '');
const pair = (v: FilterValue): [string | number, string | number] => (Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : ['', '']);

function ValueEditor({ shape, value, options, freeOptions, error, onChange }: ValueProps) {
  switch (shape) {
    case 'none':
      return null;
    case 'text':
      return <TextInput aria-label="Value" value={asText(value)} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
    case 'number':
      return <NumberInput aria-label="Value" value={asNumber(value)} onChange={(v) => onChange(typeof v === 'number' ? v : null)} error={error} />;
    case 'days':
      return (
        <NumberInput
          aria-label="Days"
          min={0}
          allowDecimal={false}
          allowNegative={false}
          suffix=" days"
          value={asNumber(value)}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
          error={error}
        />
      );
    case 'day':
      return <TextInput type="date" aria-label="Value" value={asText(value)} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
    case 'numberRange': {
      const [from, to] = pair(value);
      return (
        <Group gap={4} wrap="nowrap" grow>
          <NumberInput aria-label="From" value={asNumber(from)} onChange={(v) => onChange([v, to])} error={error} />
          <NumberInput aria-label="To" value={asNumber(to)} onChange={(v) => onChange([from, v])} />
        </Group>
      );
    }
    case 'dayRange': {
      const [from, to] = pair(value);
      return (
        <Group gap={4} wrap="nowrap" grow>
          <TextInput type="date" aria-label="From" value={asText(from)} onChange={(e) => onChange([e.currentTarget.value, to])} error={error} />
          <TextInput type="date" aria-label="To" value={asText(to)} onChange={(e) => onChange([from, e.currentTarget.value])} />
        </Group>
      );
    }
    case 'option':
      return (
        <Select aria-label="Value" data={options} searchable value={asText(value) || null} onChange={(v) => onChange(v ?? '')} error={error} />
      );
    case 'options': {
      const list = Array.isArray(value) ? value.map(String) : [];
      return freeOptions ? (
        <TagsInput aria-label="Value" data={options} value={list} onChange={onChange} error={error} placeholder="Type or pick labels" />
      ) : (
        <MultiSelect aria-label="Value" data={options} searchable value={list} onChange={onChange} error={error} />
      );
    }
  }
}
