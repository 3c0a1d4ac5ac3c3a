// Asks for a segment name (save current filters as a segment, or rename the active one).
import { useEffect, useState } from 'react';
import { Button, Group, Modal, TextInput } from '@mantine/core';
import { LIMITS } from '../../../shared/limits';

type Props = {
  opened: boolean;
  title: string;
  submitLabel: string;
  initialName: string;
  onClose: () => void;
  onSubmit: (name: string) => Promise<void>;
};

export function SegmentNameModal({ opened, title, submitLabel, initialName, onClose, onSubmit }: Props) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setName(initialName);
      setError(null);
    }
  }, [opened, initialName]);

  const submit = async () => {
    const trimmed = name.trim();
    if (!trimmed) return setError('Name is required');
    setBusy(true);
    try {
      await onSubmit(trimmed);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextInput
          label="Segment name"
          data-autofocus
          maxLength={LIMITS.segmentNameMax}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
