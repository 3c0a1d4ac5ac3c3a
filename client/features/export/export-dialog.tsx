// V11: the "Download CSV" dialog: how many contacts, sort key, additional data, then a chunked
// build with progress and a Blob download. Everything runs on the device (offline too).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Progress, Radio, Stack, Text } from '@mantine/core';
import type { FieldDefinition, FilterGroup } from '../../../shared/schema';
import { getQueryEngine } from '../deps';
import { buildContactsCsv, type BuildProgress } from './build-csv';
import { downloadBlob } from './download-blob';
import { exportIds, type ExportSort } from './export-ids';
import { exportFileName } from './file-name';
import { markCsvReady } from '../contacts/perf-marks';

export type ExportDialogProps = {
  opened: boolean;
  onClose: () => void;
  /** The current narrowed view. */
  search: string;
  filter: FilterGroup;
  /** Contacts matching the view right now (the upper bound of "Number of contacts"). */
  total: number;
  fields: readonly FieldDefinition[];
};

const fmt = new Intl.NumberFormat();

export function ExportDialog({ opened, onClose, search, filter, total, fields }: ExportDialogProps) {
  const [count, setCount] = useState<number | string>(total);
  const [sortBy, setSortBy] = useState<ExportSort>('lastInteractionAt');
  const [labels, setLabels] = useState(false);
  const [convFields, setConvFields] = useState(false);
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const hasConversationFields = fields.some((f) => f.scope === 'conversation');

  useEffect(() => {
    if (opened) {
      setCount(total); // default: everything in the view
      setError(null);
      setProgress(null);
    }
    // Only on open: a sync landing while the dialog is open must not overwrite the user's number.
  }, [opened]);

  const n = typeof count === 'number' ? count : Number.NaN;
  const countError = Number.isInteger(n) && n >= 1 && n <= total ? null : total === 0 ? 'No contacts to export' : `Choose 1 to ${fmt.format(total)}`;
  const busy = progress !== null;

  const close = () => {
    abort.current?.abort();
    onClose();
  };

  const start = async () => {
    if (countError) return;
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setProgress({ done: 0, total: n });
    try {
      const engine = getQueryEngine();
      const ids = exportIds(engine, { search, filter, sortBy, count: n }, fields);
      const options = { includeLabels: labels, includeConversationFields: hasConversationFields && convFields };
      const { blob } = await buildContactsCsv(engine, ids, fields, { ...options, signal: controller.signal, onProgress: setProgress });
      downloadBlob(blob, exportFileName());
      markCsvReady(blob.size); // benchmark (issue 9): file ready
      onClose();
    } catch (e) {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (abort.current === controller) abort.current = null;
      setProgress(null);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title="Download CSV" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <Stack gap="md">
          <NumberInput
            label="Number of contacts"
            description={`1 to ${fmt.format(total)} contacts in the current view`}
            min={1}
            max={Math.max(1, total)}
            allowDecimal={false}
            allowNegative={false}
            value={count}
            onChange={setCount}
            error={countError}
            disabled={busy}
            data-autofocus
          />
          <Radio.Group label="Sort by" value={sortBy} onChange={(v) => setSortBy(v as ExportSort)}>
            <Group mt={6}>
              <Radio value="lastInteractionAt" label="Last Interaction" disabled={busy} />
              <Radio value="createdAt" label="Created Date" disabled={busy} />
            </Group>
          </Radio.Group>
          <Stack gap={6} role="group" aria-label="Additional data">
            <Text size="sm" fw={500}>
              Additional data
            </Text>
            <Checkbox label="Labels from recent sessions" checked={labels} onChange={(e) => setLabels(e.currentTarget.checked)} disabled={busy} />
            {hasConversationFields && (
              <Checkbox
                label="Custom fields from recent sessions"
                checked={convFields}
                onChange={(e) => setConvFields(e.currentTarget.checked)}
                disabled={busy}
              />
            )}
          </Stack>
          {progress && (
            <Stack gap={4}>
              <Progress value={progress.total ? (100 * progress.done) / progress.total : 0} aria-label="Export progress" />
              <Text size="xs" c="dimmed" aria-live="polite">
                Preparing {fmt.format(progress.done)} of {fmt.format(progress.total)} contacts…
              </Text>
            </Stack>
          )}
          {error && (
            <Alert color="red" title="Export failed" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={countError !== null}>
              Download
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
