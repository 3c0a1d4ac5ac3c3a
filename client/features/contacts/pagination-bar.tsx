// V10: page size (10/25/50/100), Previous / Next and page-number buttons, and the total found.
import { memo } from 'react';
import { Group, Pagination, Select, Text } from '@mantine/core';
import { PAGE_SIZES } from './view-state';

export type PaginationBarProps = {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
};

const CONTROL_LABELS = { previous: 'Previous page', next: 'Next page', first: 'First page', last: 'Last page' } as const;

export function PaginationBar({ total, page, pageSize, onPage, onPageSize }: PaginationBarProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="space-between" wrap="wrap" gap="sm" py="sm">
      <Text size="sm" fw={500} role="status" aria-live="polite" data-testid="contacts-total">
        {total.toLocaleString()} {total === 1 ? 'contact' : 'contacts'}
      </Text>
      <PageControls pages={pages} page={Math.min(page, pages)} pageSize={pageSize} onPage={onPage} onPageSize={onPageSize} />
    </Group>
  );
}

const PAGE_SIZE_OPTIONS = PAGE_SIZES.map(String);

// Memoised: most table updates change the total but not the page count or page.
const PageControls = memo(function PageControls(props: { pages: number; page: number; pageSize: number; onPage: (page: number) => void; onPageSize: (size: number) => void }) {
  const { onPageSize } = props;
  return (
    <Group gap="md" wrap="wrap">
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" component="label" htmlFor="rows-per-page">
          Rows per page
        </Text>
        <Select
          id="rows-per-page"
          aria-label="Rows per page"
          w={84}
          size="xs"
          allowDeselect={false}
          data={PAGE_SIZE_OPTIONS}
          value={String(props.pageSize)}
          onChange={(v) => v && onPageSize(Number(v))}
        />
      </Group>
      <Pagination
        total={props.pages}
        value={props.page}
        onChange={props.onPage}
        size="sm"
        siblings={1}
        getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
        getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
      />
    </Group>
  );
});
