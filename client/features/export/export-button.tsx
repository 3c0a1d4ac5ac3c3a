// V11/V13: the "Download CSV" header button and its dialog.
import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { ExportDialog, type ExportDialogProps } from './export-dialog';

export type ExportButtonProps = Omit<ExportDialogProps, 'opened' | 'onClose'>;

export function ExportButton(props: ExportButtonProps) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => setOpened(true)}>
        Download CSV
      </Button>
      <ExportDialog {...props} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
