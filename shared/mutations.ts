// Mutations: the only way a device changes data. Field-level patches ("set email of contact X"),
// never whole-record writes, so concurrent edits of different fields both survive (S5).
// The apply functions are pure and shared: the device applies them optimistically and re-applies
// pending ones after each pull (rebase); the server applies them authoritatively.
import { z } from 'zod';
import { LIMITS } from './limits';
import {
  contactEditableSchema,
  customFieldsSchema,
  epochMsSchema,
  EMPTY_DERIVED,
  fieldDefinitionSchema,
  filterGroupSchema,
  idSchema,
  segmentSchema,
  type Contact,
  type FieldDefinition,
  type Segment,
} from './schema';

const contactCreateArgs = z.strictObject({
  id: idSchema,
  createdAt: epochMsSchema,
  ...contactEditableSchema.shape,
});

/** A patch: only the keys present change. customFields entries are per-key patches (null clears). */
const contactPatchArgs = z.strictObject({
  id: idSchema,
  set: contactEditableSchema.omit({ customFields: true }).partial().optional(),
  customFields: customFieldsSchema.optional(),
});

const fieldPatchArgs = z.strictObject({
  id: idSchema,
  label: fieldDefinitionSchema.shape.label.optional(),
  options: fieldDefinitionSchema.shape.options.optional(),
  position: fieldDefinitionSchema.shape.position.optional(),
});

const segmentPatchArgs = z.strictObject({
  id: idSchema,
  name: segmentSchema.shape.name.optional(),
  definition: filterGroupSchema.optional(),
});

const mutationIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** One queued change: per-client id (strictly increasing; (clientId, id) identifies it forever),
 *  the device's clock when it was made, and the named field-level operation. */
function mutation<N extends string, A extends z.ZodType>(name: N, args: A) {
  return z.strictObject({ id: mutationIdSchema, clientTime: epochMsSchema, name: z.literal(name), args });
}

export const mutationSchema = z.discriminatedUnion('name', [
  mutation('contact.create', contactCreateArgs),
  mutation('contact.patch', contactPatchArgs),
  mutation('contact.delete', z.strictObject({ ids: z.array(idSchema).min(1).max(LIMITS.bulkDeleteMax) })),
  mutation('segment.create', segmentSchema),
  mutation('segment.patch', segmentPatchArgs),
  mutation('segment.delete', z.strictObject({ id: idSchema })),
  mutation('field.create', fieldDefinitionSchema),
  mutation('field.patch', fieldPatchArgs),
  mutation('field.delete', z.strictObject({ id: idSchema })),
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationName = Mutation['name'];
/** A mutation before it is given its id and time (what feature code asks for). */
export type MutationBody = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'id' | 'clientTime'> : never) : never;
export type MutationArgs<N extends MutationName> = Extract<Mutation, { name: N }>['args'];
export type ContactCreateArgs = MutationArgs<'contact.create'>;
export type ContactPatchArgs = MutationArgs<'contact.patch'>;

export function contactFromCreate(args: ContactCreateArgs, now: number): Contact {
  return { ...args, updatedAt: now, ...EMPTY_DERIVED, customFields: dropNulls(args.customFields) };
}

export function applyContactPatch(contact: Contact, args: ContactPatchArgs, now: number): Contact {
  const next: Contact = { ...contact, ...(args.set ?? {}), updatedAt: now };
  if (args.customFields) {
    const merged = { ...contact.customFields };
    for (const [key, value] of Object.entries(args.customFields)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    next.customFields = merged;
  }
  return next;
}

export function applyFieldPatch(field: FieldDefinition, args: MutationArgs<'field.patch'>, now: number): FieldDefinition {
  const { id: _id, ...rest } = args;
  return { ...field, ...rest, updatedAt: now };
}

export function applySegmentPatch(segment: Segment, args: MutationArgs<'segment.patch'>, now: number): Segment {
  const { id: _id, ...rest } = args;
  return { ...segment, ...rest, updatedAt: now };
}

function dropNulls<T>(record: Record<string, T | null>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) if (v !== null) out[k] = v;
  return out;
}
