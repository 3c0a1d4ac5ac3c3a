// The contacts top bar (all-contacts.txt "Top bar"): Search, Filters (with count), Segment, Live, Columns.
// Its parts are memoised: the page re-renders on every search/filter/page change and these
// Mantine controls (a Select, a Menu) would otherwise redo their work each time for nothing.
import { memo, useMemo, type ReactNode } from 'react';
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
        <MemoSearchInput value={props.search} onChange={props.onSearch} />
        <FiltersButton count={props.activeFilterCount} onOpen={props.onOpenFilters} />
        <SegmentSelect segments={props.segments} segmentId={props.segmentId} onSegment={props.onSegment} />
      </Group>
      <Group gap="md" wrap="nowrap">
        {props.actions}
        <MemoLiveSwitch />
        <MemoColumnsMenu fields={props.fields} visible={props.visibleColumns} onToggle={props.onToggleColumn} />
      </Group>
    </Group>
  );
}

const MemoSearchInput = memo(SearchInput);
const MemoLiveSwitch = memo(LiveSwitch);
const MemoColumnsMenu = memo(ColumnsMenu);

const FiltersButton = memo(function FiltersButton({ count, onOpen }: { count: number; onOpen: () => void }) {
  return (
    <Button
      variant="default"
      leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" circle aria-hidden>
            {count}
          </Badge>
        ) : null
      }
      onClick={onOpen}
      // The badge is hidden from screen readers (the name stays exactly "Filters"); the count is the description.
      title={count > 0 ? `${count} active filter conditions` : undefined}
    >
      Filters
    </Button>
  );
});

const SegmentSelect = memo(function SegmentSelect(props: { segments: Segment[]; segmentId: string | null; onSegment: (id: string | null) => void }) {
  const data = useMemo(() => props.segments.map((s) => ({ value: s.id, label: s.name })), [props.segments]);
  return (
    <Select
      aria-label="Segment"
      placeholder="Segment"
      w={220}
      clearable
      searchable
      nothingFoundMessage="No segments"
      data={data}
      value={props.segmentId}
      onChange={props.onSegment}
    />
  );
});
