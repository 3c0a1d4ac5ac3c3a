// The All Contacts page (V1-V6, V10, V12): top bar, segment banner, table, pagination, states.
// Reads Dexie only, through the local query engine (S1); all view state is in the URL.
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Contact, FieldDefinition, FilterGroup, Segment } from '../../../shared/schema';
import { db } from '../../db/db';
import { notifications } from '@mantine/notifications';
import {
  createSegment,
  deleteSegment,
  getSyncEngine,
  patchContact,
  patchSegment,
  useContactsQuery,
  useSyncStatus,
} from '../deps';
import { filterFieldsFor, validateCondition } from '../../../shared/filter/fields';
import { useColumnPrefs } from './column-prefs';
import { ContactsTable } from './contacts-table';
import { BulkBar } from './bulk/bulk-bar';
import { DeleteDialog } from './bulk/delete-dialog';
import { useSelection } from './bulk/use-selection';
import { useContactOverlays } from './details/contact-overlays';
import { FilterDrawer } from './filter-drawer';
import { PaginationBar } from './pagination-bar';
import { SegmentBanner } from './segment-banner';
import { SegmentDeleteModal } from './segment-delete-modal';
import { SegmentNameModal } from './segment-name-modal';
import { TopBar } from './top-bar';
import { ExportButton } from '../export/export-button';
import { useNow } from './use-now';
import { useStableValue } from './use-stable-value';
import { useViewState } from './use-view-state';
import type { SortBy } from './view-state';
import { markEditStored, markRendered, markSearchCommit } from './perf-marks';
import { FirstSyncProgress, LoadingContacts, NoContacts, NoMatches, StorageErrorAlert, SyncErrorAlert } from './view-states';

const NO_FIELDS: FieldDefinition[] = [];
const NO_SEGMENTS: Segment[] = [];

export function ContactsPage() {
  const { view, update } = useViewState();
  const status = useSyncStatus();
  const now = useNow();
  const fields = useLiveQuery(() => db.fields.orderBy('position').toArray(), [], NO_FIELDS);
  const segments = useLiveQuery(() => db.segments.toArray().then(sortByName), [], NO_SEGMENTS);
  const filterFields = useMemo(() => filterFieldsFor(fields), [fields]);
  const columns = useColumnPrefs(fields);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [naming, setNaming] = useState<'save' | 'rename' | null>(null);
  const [deleting, setDeleting] = useState<Segment | null>(null);
  // V7-V9: selection (kept across pages and Live refreshes), bulk delete, details and editor.
  const { selected, onSelect, clear: clearSelection } = useSelection();
  const [deletingIds, setDeletingIds] = useState<string[] | null>(null);
  const overlays = useContactOverlays(fields);

  const segment = view.segmentId ? segments.find((s) => s.id === view.segmentId) : undefined;
  // Only complete conditions apply, so a half-edited one never empties the table.
  const quickFilter = useMemo<FilterGroup>(
    () => ({ match: view.filter.match, conditions: view.filter.conditions.filter((c) => validateCondition(c, fields) === null) }),
    [view.filter, fields],
  );
  const filter = useStableValue(segment ? segment.definition : quickFilter);
  const query = useMemo(
    () => ({ search: view.search, filter, sort: view.sort, page: view.page, pageSize: view.pageSize }),
    [view.search, filter, view.sort, view.page, view.pageSize],
  );
  const result = useContactsQuery(query);

  // A page past the end (rows deleted, link from a bigger list) moves to the last page.
  const lastPage = Math.max(1, Math.ceil(result.total / view.pageSize));
  useEffect(() => {
    if (result.ready && view.page > lastPage) update({ page: lastPage }, 'replace');
  }, [result.ready, view.page, lastPage, update]);

  const onSearch = useCallback(
    (search: string) => {
      markSearchCommit(search);
      update({ search, page: 1 }, 'replace');
    },
    [update],
  );
  const onFilter = (next: FilterGroup) =>
    // Editing filters while a segment is applied starts from the segment's conditions and leaves it.
    update({ filter: next, segmentId: null, page: 1 });
  // Stable callbacks: the memoised top bar and pagination parts skip re-rendering on table updates.
  const onSegment = useCallback(
    (segmentId: string | null) => update({ segmentId, search: '', filter: { match: 'all', conditions: [] }, page: 1 }),
    [update],
  );
  const openFilters = useCallback(() => setFiltersOpen(true), []);
  const onPage = useCallback((page: number) => update({ page }), [update]);
  const onPageSize = useCallback((pageSize: number) => update({ pageSize, page: 1 }), [update]);
  const onSort = useCallback(
    (by: SortBy) =>
      update((v) => ({ sort: { by, dir: v.sort.by === by && v.sort.dir === 'asc' ? 'desc' : v.sort.by === by ? 'asc' : by === 'name' ? 'asc' : 'desc' }, page: 1 })),
    [update],
  );
  const sort = useStableValue(view.sort);
  const clearFilters = () => update({ search: '', filter: { match: 'all', conditions: [] }, segmentId: null, page: 1 });
  const toggleOptIn = useCallback((contact: Contact, on: boolean) => {
    patchContact(db, contact.id, { set: { campaignOptIn: on } }).then(() => markEditStored(contact.id)).catch((e: unknown) =>
      notifications.show({ color: 'red', title: 'Not saved', message: e instanceof Error ? e.message : String(e) }),
    );
  }, []);
  const retry = () => void getSyncEngine().syncNow();

  const narrowed = view.search !== '' || quickFilter.conditions.length > 0 || segment !== undefined;
  const drawerFilter = segment && view.filter.conditions.length === 0 ? segment.definition : view.filter;

  // First sync: pulled contacts reach the query index before they are stored, so the table shows
  // as soon as there is something to show; the progress screen only covers the empty start.
  const firstSyncEmpty = status.firstSync !== null && result.total === 0 && !narrowed;
  // Cold start: a page read straight from Dexie (result.preview) shows before the index is ready.
  const answered = result.ready || result.preview;
  const tableShown = answered && !result.error && result.total > 0 && !firstSyncEmpty;
  // Layout effect: runs right after React wrote the result to the DOM, before the browser paints.
  useLayoutEffect(() => {
    markRendered({ view: window.location.search, total: result.total, rows: result.rows.length, firstId: result.rows[0]?.id ?? null, table: tableShown, searchable: result.ready });
  }, [result.rows, result.total, tableShown, result.ready]);

  let body: React.ReactNode;
  if (status.firstSync && firstSyncEmpty) body = <FirstSyncProgress received={status.firstSync.received} total={status.firstSync.total} />;
  else if (result.error) body = <StorageErrorAlert error={result.error} />;
  else if (!answered) body = <LoadingContacts loaded={result.loaded} />;
  else if (result.total === 0 && !narrowed) body = <NoContacts />;
  else if (result.total === 0) body = <NoMatches onClear={clearFilters} />;
  else
    body = (
      <ContactsTable
        rows={result.rows}
        contactColumns={columns.contactColumns}
        conversationColumns={columns.conversationColumns}
        sort={sort}
        onSort={onSort}
        selected={selected}
        onSelect={onSelect}
        onToggleOptIn={toggleOptIn}
        onEdit={overlays.openEditor}
        onOpen={overlays.openDetails}
        now={now}
      />
    );
  const pageFullySelected = result.rows.length > 0 && result.rows.every((c) => selected.has(c.id));

  return (
    <Stack gap="sm">
      <TopBar
        search={view.search}
        onSearch={onSearch}
        activeFilterCount={quickFilter.conditions.length}
        onOpenFilters={openFilters}
        segments={segments}
        segmentId={segment ? segment.id : null}
        onSegment={onSegment}
        fields={fields}
        visibleColumns={columns.visible}
        onToggleColumn={columns.toggle}
        actions={
          <>
            <Button variant="default" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={overlays.openNew}>
              New contact
            </Button>
            <ExportButton search={view.search} filter={filter} total={result.total} fields={fields} />
          </>
        }
      />
      {status.lastError && <SyncErrorAlert message={status.lastError} onRetry={retry} />}
      {segment && (
        <SegmentBanner
          segment={segment}
          total={result.total}
          onLeave={() => onSegment(null)}
          onRename={() => setNaming('rename')}
          onDelete={() => setDeleting(segment)}
        />
      )}
      {body}
      {status.firstSync && !firstSyncEmpty && (
        <Text size="xs" c="dimmed">
          Storing your workspace on this device: {status.firstSync.received.toLocaleString()} of {status.firstSync.total.toLocaleString()} records
        </Text>
      )}
      {answered && !firstSyncEmpty && (
        <PaginationBar
          total={result.total}
          page={view.page}
          pageSize={view.pageSize}
          onPage={onPage}
          onPageSize={onPageSize}
        />
      )}
      <BulkBar
        count={selected.size}
        pageFullySelected={pageFullySelected}
        matching={result.ready ? result.total : 0}
        onSelectAllMatching={() => onSelect(result.matchingIds(), true)}
        onDelete={() => setDeletingIds([...selected])}
        onClear={clearSelection}
      />
      <DeleteDialog
        ids={deletingIds}
        onClose={() => setDeletingIds(null)}
        onDeleted={(count) => {
          setDeletingIds(null);
          clearSelection();
          notifications.show({ color: 'green', message: `Deleted ${count.toLocaleString('en')} ${count === 1 ? 'contact' : 'contacts'}` });
        }}
      />
      {overlays.element}
      <FilterDrawer
        opened={filtersOpen}
        onClose={() => setFiltersOpen(false)}
        filter={drawerFilter}
        fields={fields}
        filterFields={filterFields}
        onChange={onFilter}
        onSaveAsSegment={() => setNaming('save')}
      />
      <SegmentNameModal
        opened={naming !== null}
        title={naming === 'rename' ? 'Rename segment' : 'Save as segment'}
        submitLabel={naming === 'rename' ? 'Rename' : 'Save segment'}
        initialName={naming === 'rename' && segment ? segment.name : ''}
        onClose={() => setNaming(null)}
        onSubmit={async (name) => {
          if (naming === 'rename' && segment) {
            await patchSegment(db, segment.id, { name });
          } else {
            const id = await createSegment(db, { name, definition: quickFilter });
            setFiltersOpen(false);
            onSegment(id);
          }
        }}
      />
      <SegmentDeleteModal
        segment={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={async (s) => {
          setDeleting(null);
          if (view.segmentId === s.id) onSegment(null);
          await deleteSegment(db, s.id);
        }}
      />
    </Stack>
  );
}

function sortByName(segments: Segment[]): Segment[] {
  return segments.sort((a, b) => a.name.localeCompare(b.name));
}

