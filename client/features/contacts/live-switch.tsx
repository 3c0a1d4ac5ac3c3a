// V4: the Live toggle, persisted per device; on = background sync interval, off = stable snapshot.
import { useEffect, useState } from 'react';
import { Switch } from '@mantine/core';
import { getSyncEngine } from '../deps';

const KEY = 'all-contacts.live';

export function readLive(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

export function LiveSwitch() {
  const [live, setLive] = useState(readLive);
  useEffect(() => {
    getSyncEngine().setLive(live);
  }, [live]);
  return (
    <Switch
      label="Live"
      checked={live}
      onChange={(e) => {
        const on = e.currentTarget.checked;
        try {
          localStorage.setItem(KEY, on ? 'on' : 'off');
        } catch {
          // not persisted; still applies to this tab
        }
        setLive(on);
      }}
    />
  );
}
