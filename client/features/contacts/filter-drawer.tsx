// V2: the Quick Filter drawer. Edits apply instantly (the parent writes them to the URL); only
// complete, valid conditions take effect, so a half-typed condition never empties the table.
import { useEffect, useState } from 'react';
import { Button, Drawer, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import type { FieldDefinition, FilterCondition, FilterGroup } from '../../../shared/schema';
import { LIMITS } from '../../../shared/limits';
import { validateCondition, type FilterFieldInfo } from '../../../shared/filter/fields';
import { ConditionEditor, conditionFor } from './condition-editor';
import { loadKnownLabels } from './known-labels';

type Props = {
  opened: boolean;
  onClose: () => void;
  filter: FilterGroup;
  fields: FieldDefinition[];
  filterFields: FilterFieldInfo[];
  onChange: (next: FilterGroup) => void;
  onSaveAsSegment: () => void;
};

function isBlank(value: FilterCondition['value']): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.every((v) => v === '');
  return false;
}

export function FilterDrawer({ opened, onClose, filter, fields, filterFields, onChange, onSaveAsSegment }: Props) {
  const [knownLabels, setKnownLabels] = useState<string[]>([]);
  useEffect(() => {
    if (opened) void loadKnownLabels().then(setKnownLabels);
  }, [opened]);

  const setCondition = (i: number, next: FilterCondition) =>
    onChange({ ...filter, conditions: filter.conditions.map((c, j) => (j === i ? next : c)) });
  const removeCondition = (i: number) => onChange({ ...filter, conditions: filter.conditions.filter((_, j) => j !== i) });
  const addCondition = () => {
    if (filterFields.length > 0) onChange({ ...filter, conditions: [...filter.conditions, conditionFor(filterFields[0])] });
  };
  const validCount = filter.conditions.filter((c) => validateCondition(c, fields) === null).length;

  return (
    <Drawer opened={opened} onClose={onClose} title="Quick filters" position="right" size="lg">
      <Stack gap="md">
        <SegmentedControl
          aria-label="Match"
          value={filter.match}
          onChange={(match) => onChange({ ...filter, match: match === 'any' ? 'any' : 'all' })}
          data={[
            { value: 'all', label: 'All conditions' },
            { value: 'any', label: 'Any condition' },
          ]}
        />
        {filter.conditions.length === 0 && (
          <Text size="sm" c="dimmed">
            No conditions yet. Add one to narrow the list.
          </Text>
        )}
        {filter.conditions.map((c, i) => (
          <ConditionEditor
            key={i}
            index={i}
            condition={c}
            fields={filterFields}
            knownLabels={knownLabels}
            error={isBlank(c.value) ? null : validateCondition(c, fields)}
            onChange={(next) => setCondition(i, next)}
            onRemove={() => removeCondition(i)}
          />
        ))}
        <Group justify="space-between">
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={addCondition}
            disabled={filter.conditions.length >= LIMITS.filterConditionsMax}
          >
            Add condition
          </Button>
          <Group gap="xs">
            <Button variant="subtle" color="gray" onClick={() => onChange({ match: filter.match, conditions: [] })} disabled={filter.conditions.length === 0}>
              Clear all
            </Button>
            <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={onSaveAsSegment} disabled={validCount === 0}>
              Save as segment
            </Button>
          </Group>
        </Group>
      </Stack>
    </Drawer>
  );
}
