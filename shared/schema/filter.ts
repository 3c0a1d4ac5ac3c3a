// D6: a filter group (used by quick filters and saved segments). Evaluation lives in shared/filter/.
import { z } from 'zod';
import { LIMITS } from '../limits';

/** Operators by the kind of value they compare. */
export const OPERATORS = {
  text: ['contains', 'not_contains', 'equals', 'not_equals', 'starts_with', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty'],
  date: ['on', 'before', 'after', 'between', 'within_last_days', 'more_than_days_ago', 'is_empty'],
  select: ['is', 'is_not', 'is_any_of', 'is_empty'],
  multiselect: ['has_any_of', 'has_all_of', 'has_none_of', 'is_empty'],
  boolean: ['is_on', 'is_off'],
  label: ['has_any_of', 'has_all_of', 'has_none_of'],
} as const;
export type OperatorKind = keyof typeof OPERATORS;
export type Operator = (typeof OPERATORS)[OperatorKind][number];
const ALL_OPERATORS = [...new Set(Object.values(OPERATORS).flat())] as [Operator, ...Operator[]];

/**
 * A condition's field reference:
 *  - built-ins: name, email, phone (text), createdAt, lastInteractionAt (date),
 *    campaignOptIn (boolean), labels (label, from the contact's conversations), conversationCount (number)
 *  - "cf:<key>" a contact custom field, "conv:<key>" a conversation field summary.
 */
export const BUILTIN_FILTER_FIELDS = [
  'name',
  'email',
  'phone',
  'createdAt',
  'lastInteractionAt',
  'campaignOptIn',
  'labels',
  'conversationCount',
] as const;
export const filterFieldSchema = z
  .string()
  .max(80)
  .refine(
    (f) => (BUILTIN_FILTER_FIELDS as readonly string[]).includes(f) || /^(cf|conv):[a-z][a-z0-9_]*$/.test(f),
    'unknown filter field',
  );

/**
 * Values: text/select operators take a string; number operators a number; date operators
 * a 'YYYY-MM-DD' string or a day count (within_last_days, more_than_days_ago); between takes
 * a [from, to] pair; *_any_of / *_all_of / *_none_of take a string list; is_empty etc. take null.
 */
export const filterValueSchema = z.union([
  z.string().max(2000),
  z.number().finite(),
  z.array(z.string().max(200)).max(100),
  z.tuple([z.union([z.number().finite(), z.string().max(40)]), z.union([z.number().finite(), z.string().max(40)])]),
  z.null(),
]);
export type FilterValue = z.infer<typeof filterValueSchema>;

export const filterConditionSchema = z.strictObject({
  field: filterFieldSchema,
  operator: z.enum(ALL_OPERATORS),
  value: filterValueSchema,
});
export type FilterCondition = z.infer<typeof filterConditionSchema>;

export const filterGroupSchema = z.strictObject({
  match: z.enum(['all', 'any']),
  conditions: z.array(filterConditionSchema).max(LIMITS.filterConditionsMax),
});
export type FilterGroup = z.infer<typeof filterGroupSchema>;

export const EMPTY_FILTER: FilterGroup = { match: 'all', conditions: [] };
