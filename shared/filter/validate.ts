// Is a condition complete and meaningful? Used by the drawer (to show why) and by the evaluator
// (an invalid condition is inactive: skipped as if absent) and by the server (to refuse bad segments).
import type { FieldDefinition, FilterCondition, FilterGroup, FilterValue, OperatorKind } from '../schema';
import { isDayKey } from './days';
import { findFilterField } from './field-list';
import { operatorsFor, valueShapeOf, type ValueShape } from './operators';

const MAX_DAYS = 100_000;

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function valueError(shape: ValueShape, value: FilterValue): string | null {
  switch (shape) {
    case 'none':
      return null;
    case 'text':
    case 'option':
      return isNonEmptyString(value) ? null : 'enter a value';
    case 'number':
      return isFiniteNumber(value) ? null : 'enter a number';
    case 'days':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_DAYS
        ? null
        : 'enter a whole number of days';
    case 'day':
      return isDayKey(value) ? null : 'enter a date';
    case 'numberRange':
      if (!Array.isArray(value) || value.length !== 2 || !value.every(isFiniteNumber)) return 'enter two numbers';
      return (value[0] as number) <= (value[1] as number) ? null : 'the first number must not be larger';
    case 'dayRange':
      if (!Array.isArray(value) || value.length !== 2 || !value.every(isDayKey)) return 'enter two dates';
      return (value[0] as string) <= (value[1] as string) ? null : 'the first date must not be later';
    case 'options':
      return Array.isArray(value) && value.length > 0 && value.every(isNonEmptyString) ? null : 'choose at least one';
  }
}

/** null when the condition can be evaluated; otherwise a short message saying what is wrong. */
export function validateCondition(cond: FilterCondition, fields: readonly FieldDefinition[]): string | null {
  const info = findFilterField(cond.field, fields);
  if (!info) return 'unknown field';
  const kind: OperatorKind = info.kind;
  if (!(operatorsFor(kind) as readonly string[]).includes(cond.operator)) return 'operator does not fit this field';
  return valueError(valueShapeOf(kind, cond.operator), cond.value);
}

/** The conditions that take effect (what the Filters badge counts). */
export function activeConditions(group: FilterGroup, fields: readonly FieldDefinition[]): FilterCondition[] {
  return group.conditions.filter((c) => validateCondition(c, fields) === null);
}
