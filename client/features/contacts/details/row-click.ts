// V8: a click on a row opens its details, except clicks on the row's own controls (checkbox,
// opt-in switch, inline editor, buttons, links) and clicks that bubble through React portals
// from outside the row (an editor's dropdown options are rendered in a portal).
import type { MouseEvent } from 'react';

const CONTROLS = 'button, a, input, textarea, select, label, [role="switch"], [role="checkbox"], [role="option"], [data-cell-editor]';

export function isRowClickTarget(e: MouseEvent<HTMLElement>): boolean {
  const target = e.target;
  if (!(target instanceof Element) || !e.currentTarget.contains(target)) return false;
  const control = target.closest(CONTROLS);
  return control === null || !e.currentTarget.contains(control);
}
