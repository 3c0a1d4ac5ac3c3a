// V9 "Delete contacts" confirmation: how many selected contacts have conversations and how many
// have none, and that deletion is permanent on every device. Confirming deletes them all in one
// local transaction (deleteContacts); sync removes them everywhere (S5).
import { useEffect, useLayoutEffect, useState } from 'react';
import { Alert, Button, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { db } from '../../../db/db';
import { deleteContacts, getQueryEngine, LocalChangeError } from '../../deps';
import { countsSentence, deleteCounts, deleteCountsFrom, deleteLabel, type DeleteCounts } from './delete-counts';
import { markDeleteCounts, markDeleteStored } from '../perf-marks';

type Props = {
  ids: readonly string[] | null;
  onClose: () => void;
  onDeleted: (count: number) => void;
};

export function DeleteDialog({ ids, onClose, onDeleted }: Props) {
  const [counts, setCounts] = useState<DeleteCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setCounts(null);
    setError(null);
    if (!ids) return;
    // The loaded index holds every contact the table shows: no IndexedDB read (issue 9).
    const engine = getQueryEngine();
    if (engine.ready) {
      setCounts(deleteCountsFrom(engine.get, ids));
      return;
    }
    let live = true;
    void deleteCounts(db, ids).then((c) => live && setCounts(c));
    return () => {
      live = false;
    };
  }, [ids]);

  useLayoutEffect(() => {
    if (counts) markDeleteCounts(counts.total); // benchmark (issue 9): counts on screen
  }, [counts]);

  async function confirm(): Promise<void> {
    if (!ids) return;
    setBusy(true);
    try {
      await deleteContacts(db, [...ids]);
      markDeleteStored(ids.length); // benchmark (issue 9): records + outbox entries committed
      onDeleted(counts?.total ?? ids.length);
    } catch (e) {
      setError(e instanceof LocalChangeError ? e.message : 'The contacts could not be deleted');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={ids !== null} onClose={onClose} title="Delete contacts" centered>
      {!counts ? (
        <Loader size="sm" aria-label="Counting conversations" />
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            You are about to delete {counts.total.toLocaleString('en')} selected {counts.total === 1 ? 'contact' : 'contacts'}:
          </Text>
          <List size="sm">
            {countsSentence(counts).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <Text size="sm" fw={500}>
            Deletion is permanent: the contacts are removed from every device and cannot be restored.
            {counts.withConversations > 0 && ' Their conversations are deleted with them.'}
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" loading={busy} disabled={counts.total === 0} onClick={() => void confirm()}>
              {deleteLabel(counts.total)}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
