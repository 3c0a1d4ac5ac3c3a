// V14: reordering fields within one scope by move up / move down. The result is the position
// patches to send: positions are renumbered 0..n-1 in the new order and only changed ones are
// patched (so equal or gapped positions from older data are repaired on the first move).
import type { FieldDefinition } from '../../../../shared/schema';
import { fieldsInOrder } from '../../../../shared/csv/rows';

export type PositionPatch = { id: string; position: number };

export function moveField(fields: readonly FieldDefinition[], id: string, direction: -1 | 1): PositionPatch[] {
  const moving = fields.find((f) => f.id === id);
  if (!moving) return [];
  const order = fieldsInOrder(fields, moving.scope);
  const from = order.findIndex((f) => f.id === id);
  const to = from + direction;
  if (to < 0 || to >= order.length) return [];
  [order[from], order[to]] = [order[to], order[from]];
  return order.flatMap((f, position) => (f.position === position ? [] : [{ id: f.id, position }]));
}

/** Position for a new field: after every field of its scope. */
export function nextPosition(fields: readonly FieldDefinition[], scope: FieldDefinition['scope']): number {
  return fields.filter((f) => f.scope === scope).reduce((max, f) => Math.max(max, f.position + 1), 0);
}
