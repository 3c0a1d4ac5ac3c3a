// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { FieldDefinition } from '../../../shared/schema';
import { cleanup, render } from '../test/render';
import { defaultColumns, useColumnPrefs } from './column-prefs';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const def = (n: number, scope: FieldDefinition['scope']): FieldDefinition => ({
  id: `0190f3c2-7a6b-7cc0-8000-00000000000${n}`,
  key: `f${n}`,
  label: `Field ${n}`,
  type: 'text',
  options: [],
  scope,
  position: n,
  createdAt: 0,
  updatedAt: 0,
});
const fields = [def(1, 'contact'), def(2, 'contact'), def(3, 'contact'), def(4, 'contact'), def(5, 'conversation'), def(6, 'conversation')];

let toggle: (id: string, on: boolean) => void = () => {};
function Probe() {
  const prefs = useColumnPrefs(fields);
  toggle = prefs.toggle;
  return <output>{[...prefs.contactColumns, ...prefs.conversationColumns].map((f) => f.key).join(',')}</output>;
}

describe('column chooser preferences', () => {
  it('[V5] sensible defaults: the first contact fields and the first conversation field', () => {
    expect(defaultColumns(fields)).toEqual(['cf:f1', 'cf:f2', 'cf:f3', 'conv:f5']);
    const view = render(<Probe />);
    expect(view.querySelector('output')?.textContent).toBe('f1,f2,f3,f5');
  });

  it('[V5] a choice is persisted per device and survives a remount (reload)', () => {
    let view = render(<Probe />);
    act(() => toggle('cf:f2', false));
    act(() => toggle('conv:f6', true));
    expect(view.querySelector('output')?.textContent).toBe('f1,f3,f5,f6');
    cleanup();
    view = render(<Probe />);
    expect(view.querySelector('output')?.textContent).toBe('f1,f3,f5,f6');
    expect(JSON.parse(localStorage.getItem('all-contacts.columns')!)).toEqual(['cf:f1', 'cf:f3', 'conv:f5', 'conv:f6']);
  });
});
