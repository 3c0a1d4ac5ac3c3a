// Operators per kind of value (D6), their human labels, and the shape of value each one takes,
// so the drawer can pick the right editor and the validator knows what to expect.
import { OPERATORS, type Operator, type OperatorKind } from '../schema';

export function operatorsFor(kind: OperatorKind): readonly Operator[] {
  return OPERATORS[kind];
}

export const OPERATOR_LABELS: Record<Operator, string> = {
  contains: 'contains',
  not_contains: 'does not contain',
  equals: 'is',
  not_equals: 'is not',
  starts_with: 'starts with',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'is between',
  on: 'is on',
  before: 'is before',
  after: 'is after',
  within_last_days: 'within last N days',
  more_than_days_ago: 'more than N days ago',
  is: 'is',
  is_not: 'is not',
  is_any_of: 'is any of',
  has_any_of: 'has any of',
  has_all_of: 'has all of',
  has_none_of: 'has none of',
  is_on: 'is on',
  is_off: 'is off',
};

export function operatorLabel(operator: Operator): string {
  return OPERATOR_LABELS[operator];
}

/**
 * What value an operator of a kind takes:
 *  none: null · text: non-empty string · number: finite number · numberRange: [from, to] numbers ·
 *  day: 'YYYY-MM-DD' · dayRange: ['YYYY-MM-DD', 'YYYY-MM-DD'] · days: whole number of days >= 0 ·
 *  option: one string · options: non-empty string list.
 */
export type ValueShape = 'none' | 'text' | 'number' | 'numberRange' | 'day' | 'dayRange' | 'days' | 'option' | 'options';

export function valueShapeOf(kind: OperatorKind, operator: Operator): ValueShape {
  if (operator === 'is_empty' || operator === 'is_not_empty' || kind === 'boolean') return 'none';
  switch (kind) {
    case 'text':
      return 'text';
    case 'number':
      return operator === 'between' ? 'numberRange' : 'number';
    case 'date':
      if (operator === 'between') return 'dayRange';
      return operator === 'within_last_days' || operator === 'more_than_days_ago' ? 'days' : 'day';
    case 'select':
      return operator === 'is_any_of' ? 'options' : 'option';
    default:
      return 'options';
  }
}
