// D3: custom field definitions, for contacts and for conversations.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { epochMsSchema, idSchema } from './common';

export const FIELD_TYPES = ['text', 'url', 'phone', 'email', 'number', 'select', 'multiselect', 'date'] as const;
export const fieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof fieldTypeSchema>;

export const fieldScopeSchema = z.enum(['contact', 'conversation']);
export type FieldScope = z.infer<typeof fieldScopeSchema>;

/** A field key: stable identifier used as the key in customFields maps. */
export const fieldKeySchema = z
  .string()
  .min(1)
  .max(LIMITS.fieldKeyMax)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case');

export const fieldDefinitionSchema = z.strictObject({
  id: idSchema,
  key: fieldKeySchema,
  label: z.string().trim().min(1).max(LIMITS.fieldLabelMax),
  type: fieldTypeSchema,
  options: z.array(z.string().trim().min(1).max(LIMITS.fieldOptionMax)).max(LIMITS.fieldOptionsMax),
  scope: fieldScopeSchema,
  position: z.number().int().min(0).max(1_000_000),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

/**
 * A stored custom value. text/url/phone/email/select: string; number: number;
 * multiselect: string[]; date: 'YYYY-MM-DD'. null means "no value".
 */
export const customValueSchema = z.union([
  z.string().max(LIMITS.textValueMax),
  z.number().finite(),
  z.array(z.string().max(LIMITS.fieldOptionMax)).max(LIMITS.fieldOptionsMax),
  z.null(),
]);
export type CustomValue = z.infer<typeof customValueSchema>;

export const customFieldsSchema = z
  .record(fieldKeySchema, customValueSchema)
  .refine((r) => Object.keys(r).length <= LIMITS.customFieldsPerRecord, 'too many custom fields');
export type CustomFields = z.infer<typeof customFieldsSchema>;
