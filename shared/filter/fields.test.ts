import { describe, expect, it } from 'vitest';
import { OPERATORS, type FilterCondition } from '../schema';
import { activeConditions, filterFieldsFor, operatorLabel, operatorsFor, validateCondition, valueShapeOf } from './fields';
import { makeField } from './test-contact';

const fields = [
  makeField('plan', 'select', 'contact', ['Free', 'Pro']),
  makeField('tags', 'multiselect', 'contact', ['a', 'b']),
  makeField('seats', 'number'),
  makeField('renewal', 'date'),
  makeField('site', 'url'),
  makeField('mobile', 'phone'),
  makeField('priority', 'select', 'conversation', ['Low', 'High']),
];

describe('[D6] filterFieldsFor', () => {
  it('[D6] lists built-ins, then contact fields, then conversation fields, with kinds', () => {
    const list = filterFieldsFor(fields);
    expect(list.slice(0, 8).map((f) => [f.id, f.kind])).toEqual([
      ['name', 'text'],
      ['email', 'text'],
      ['phone', 'text'],
      ['createdAt', 'date'],
      ['lastInteractionAt', 'date'],
      ['campaignOptIn', 'boolean'],
      ['labels', 'label'],
      ['conversationCount', 'number'],
    ]);
    expect(list.slice(8).map((f) => [f.id, f.kind])).toEqual([
      ['cf:plan', 'select'],
      ['cf:tags', 'multiselect'],
      ['cf:seats', 'number'],
      ['cf:renewal', 'date'],
      ['cf:site', 'text'],
      ['cf:mobile', 'text'],
      ['conv:priority', 'select'],
    ]);
    expect(list.find((f) => f.id === 'cf:plan')?.options).toEqual(['Free', 'Pro']);
    expect(list.find((f) => f.id === 'cf:mobile')?.phone).toBe(true);
  });
  it('[D6] every operator has a human label', () => {
    for (const kind of Object.keys(OPERATORS) as (keyof typeof OPERATORS)[]) {
      for (const op of operatorsFor(kind)) expect(operatorLabel(op)).toMatch(/\S/);
    }
    expect(operatorLabel('is_any_of')).toBe('is any of');
    expect(operatorLabel('within_last_days')).toBe('within last N days');
  });
});

const c = (field: string, operator: FilterCondition['operator'], value: FilterCondition['value'] = null): FilterCondition => ({ field, operator, value });

describe('[D6] validateCondition', () => {
  const cases: [FilterCondition, string | null][] = [
    [c('name', 'contains', 'ann'), null],
    [c('name', 'contains', '  '), 'enter a value'],
    [c('name', 'gt', 3), 'operator does not fit this field'],
    [c('cf:nope', 'is', 'x'), 'unknown field'],
    [c('email', 'is_empty'), null],
    [c('conversationCount', 'gt', 2), null],
    [c('conversationCount', 'gt', '2'), 'enter a number'],
    [c('cf:seats', 'between', [1, 5]), null],
    [c('cf:seats', 'between', [5, 1]), 'the first number must not be larger'],
    [c('createdAt', 'on', '2026-02-30'), 'enter a date'],
    [c('createdAt', 'on', '2026-02-28'), null],
    [c('createdAt', 'between', ['2026-02-01', '2026-01-01']), 'the first date must not be later'],
    [c('lastInteractionAt', 'within_last_days', 7), null],
    [c('lastInteractionAt', 'within_last_days', 1.5), 'enter a whole number of days'],
    [c('lastInteractionAt', 'more_than_days_ago', -1), 'enter a whole number of days'],
    [c('cf:plan', 'is', 'Pro'), null],
    [c('cf:plan', 'is_any_of', []), 'choose at least one'],
    [c('cf:tags', 'has_all_of', ['a']), null],
    [c('cf:tags', 'is', 'a'), 'operator does not fit this field'],
    [c('campaignOptIn', 'is_on'), null],
    [c('labels', 'has_any_of', ['vip']), null],
    [c('labels', 'is_empty'), 'operator does not fit this field'],
    [c('conv:priority', 'is_not', 'Low'), null],
  ];
  it.each(cases)('[D6] %j -> %s', (cond, expected) => {
    expect(validateCondition(cond, fields)).toBe(expected);
  });
  it('[D6] activeConditions keeps only valid ones (the Filters badge count)', () => {
    const group = { match: 'all' as const, conditions: [c('name', 'contains', 'a'), c('name', 'contains', '')] };
    expect(activeConditions(group, fields)).toHaveLength(1);
  });
  it('[D6] value shapes pick the drawer editor', () => {
    expect(valueShapeOf('date', 'between')).toBe('dayRange');
    expect(valueShapeOf('date', 'within_last_days')).toBe('days');
    expect(valueShapeOf('select', 'is_any_of')).toBe('options');
    expect(valueShapeOf('number', 'between')).toBe('numberRange');
    expect(valueShapeOf('boolean', 'is_on')).toBe('none');
  });
});
