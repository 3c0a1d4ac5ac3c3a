// V0: the left sidebar: Contacts > All, the saved segments under it, and Settings.
import { NavLink, ScrollArea, Text } from '@mantine/core';
import { IconAddressBook, IconFilter, IconSettings, IconUsers } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Segment } from '../../../shared/schema';
import { db } from '../../db/db';
import { usePathname, useSearchParam } from '../../router';
import { RouterNavLink } from './nav-link';

const NO_SEGMENTS: Segment[] = [];

export function Sidebar({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  const segmentParam = useSearchParam('segment');
  const segments = useLiveQuery(
    () => db.segments.toArray().then((all) => all.sort((a, b) => a.name.localeCompare(b.name))),
    [],
    NO_SEGMENTS,
  );
  const activeSegment = pathname === '/contacts' ? segmentParam : null;
  return (
    <ScrollArea component="nav" aria-label="Main" style={{ flex: 1 }}>
      <NavLink
        label="Contacts"
        leftSection={<IconAddressBook size={18} aria-hidden />}
        defaultOpened
        childrenOffset={28}
        active={false}
      >
        <RouterNavLink
          href="/contacts"
          label="All"
          active={pathname === '/contacts' && !activeSegment}
          leftSection={<IconUsers size={16} aria-hidden />}
          onNavigate={onNavigate}
        />
        {segments.length > 0 && (
          <Text size="xs" c="dimmed" fw={600} px="sm" pt="xs" pb={2}>
            Segments
          </Text>
        )}
        {segments.map((s) => (
          <RouterNavLink
            key={s.id}
            href={`/contacts?segment=${encodeURIComponent(s.id)}`}
            label={s.name}
            active={activeSegment === s.id}
            leftSection={<IconFilter size={16} aria-hidden />}
            onNavigate={onNavigate}
          />
        ))}
      </NavLink>
      <RouterNavLink
        href="/settings"
        label="Settings"
        active={pathname.startsWith('/settings')}
        leftSection={<IconSettings size={18} aria-hidden />}
        onNavigate={onNavigate}
      />
    </ScrollArea>
  );
}
