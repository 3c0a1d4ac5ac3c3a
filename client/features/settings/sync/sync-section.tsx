// Settings > Sync (V4/S7): how often Live mode pulls, persisted on this device.
import { useState } from 'react';
import { NumberInput, Stack, Text, Title } from '@mantine/core';
import { getSyncEngine, useSyncStatus } from '../../deps';
import { MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS, readIntervalSeconds, writeIntervalSeconds } from './sync-prefs';

export function SyncSection() {
  const [seconds, setSeconds] = useState<string | number>(readIntervalSeconds);
  const status = useSyncStatus();
  const apply = (value: string | number) => {
    setSeconds(value);
    const n = typeof value === 'number' ? value : Number(value);
    if (value === '' || !Number.isFinite(n)) return;
    const saved = writeIntervalSeconds(n);
    getSyncEngine().setIntervalMs(saved * 1000);
  };
  return (
    <Stack gap="xs" align="flex-start">
      <Title order={3} size="h4">
        Sync
      </Title>
      <NumberInput
        label="Sync interval (seconds)"
        description="How often Live mode checks for changes from other devices and channels."
        min={MIN_INTERVAL_SECONDS}
        max={MAX_INTERVAL_SECONDS}
        clampBehavior="blur"
        allowDecimal={false}
        w={280}
        value={seconds}
        onChange={apply}
      />
      <Text size="sm" c="dimmed">
        Live is {status.live ? 'on' : 'off'} on this device. Your own edits are sent right away in both modes.
      </Text>
    </Stack>
  );
}
