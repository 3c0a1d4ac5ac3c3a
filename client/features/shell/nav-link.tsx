// A sidebar link that navigates through the history router (a real <a href>, so it also opens in a new tab).
import type { ReactNode } from 'react';
import { NavLink } from '@mantine/core';
import { navigate } from '../../router';

type Props = { href: string; label: ReactNode; active: boolean; leftSection?: ReactNode; onNavigate?: () => void };

export function RouterNavLink({ href, label, active, leftSection, onNavigate }: Props) {
  return (
    <NavLink
      component="a"
      href={href}
      label={label}
      active={active}
      leftSection={leftSection}
      aria-current={active ? 'page' : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
        onNavigate?.();
      }}
    />
  );
}
