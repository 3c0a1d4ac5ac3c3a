// The contacts top bar (all-contacts.txt "Top bar"): Search, Filters (with count), Segment, Live, Columns.
import type { ReactNode } from 'react';
import { Badge, Button, Group, Select } from '@mantine/core';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import type { FieldDefinition, Segment } from '../../../shared/schema';
import { ColumnsMenu } from './columns-menu';
import { LiveSwitch } from './live-switch';
import { SearchInput } from './search-input';

type Props = {
  search: string;
  onSearch: (text: string) => void;
  activeFilterCount: number;
  onOpenFilters: () => void;
  segments: Segment[];
  segmentId: string | null;
  onSegment: (id: string | null) => void;
  fields: FieldDefinition[];
  visibleColumns: ReadonlySet<string>;
  onToggleColumn: (id: string, on: boolean) => void;
  /** Page actions shown at the right end (e.g. Download CSV). */
  actions?: ReactNode;
};

export function TopBar(props: Props) {
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Group gap="sm" wrap="wrap">
        <SearchInput value={props.search} onChange={props.onSearch} />
        <Button
          variant="default"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          rightSection={
            props.activeFilterCount > 0 ? (
              <Badge size="sm" circle aria-hidden>
                {props.activeFilterCount}
              </Badge>
            ) : null
          }
          onClick={props.onOpenFilters}
          // The badge is hidden from screen readers (the name stays exactly "Filters"); the count is the description.
          title={props.activeFilterCount > 0 ? `${props.activeFilterCount} active filter conditions` : undefined}
        >
          Filters
        </Button>
        <Select
          aria-label="Segment"
          placeholder="Segment"
          w={220}
          clearable
          searchable
          nothingFoundMessage="No segments"
          data={props.segments.map((s) => ({ value: s.id, label: s.name }))}
          value={props.segmentId}
          onChange={props.onSegment}
        />
      </Group>
      <Group gap="md" wrap="nowrap">
        {props.actions}
        <LiveSwitch />
        <ColumnsMenu fields={props.fields} visible={props.visibleColumns} onToggle={props.onToggleColumn} />
      </Group>
    </Group>
  );
}
