// V11/V13: the "Download CSV" header button and its dialog.
import { useState } from 'react';
import { Button, Tooltip } from '@mantine/core';
import { usePermissions } from '../settings/workspace/access';
import { IconDownload } from '@tabler/icons-react';
import { ExportDialog, type ExportDialogProps } from './export-dialog';

export type ExportButtonProps = Omit<ExportDialogProps, 'opened' | 'onClose'>;

export function ExportButton(props: ExportButtonProps) {
  const [opened, setOpened] = useState(false);
  // Issue 11: agents may export only when the workspace allows it (the data is on the device, so
  // this is a workspace policy the UI follows, not a server check).
  const { exportCsv } = usePermissions();
  if (!exportCsv.ok) {
    return (
      <Tooltip label={exportCsv.reason} multiline w={280}>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} data-disabled aria-disabled="true" aria-description={exportCsv.reason} onClick={(e) => e.preventDefault()}>
          Download CSV
        </Button>
      </Tooltip>
    );
  }
  return (
    <>
      <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => setOpened(true)}>
        Download CSV
      </Button>
      <ExportDialog {...props} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
