// P1: "Install app" in the header, only while the browser offers installation.
import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { promptInstall, useInstallAvailable } from './install-prompt';

export function InstallButton() {
  const available = useInstallAvailable();
  if (!available) return null;
  return (
    <Button size="xs" variant="light" leftSection={<IconDownload size={14} aria-hidden />} onClick={() => void promptInstall()}>
      Install app
    </Button>
  );
}
