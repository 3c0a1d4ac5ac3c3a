// Pure application of one mutation to one record's state, used for the optimistic local write,
// for rebasing pending mutations on top of pulled server data, and for undoing refused ones.
// Rules mirror the server's (S5): edits of a missing/deleted record do nothing, a create of an
// existing or tombstoned id does nothing (no resurrection), a delete is final.
import {
  applyContactPatch,
  applyFieldPatch,
  applySegmentPatch,
  contactFromCreate,
  type Mutation,
} from '../../shared/mutations';
import type { Contact, FieldDefinition, Segment } from '../../shared/schema';
import type { MutableRecord, MutableTable } from './db';

export type RecordState = { record: MutableRecord | null; deleted: boolean };
export type RecordKey = { table: MutableTable; id: string };

/** Which records a mutation changes. */
export function touchedBy(m: Mutation): { table: MutableTable; ids: string[] } {
  switch (m.name) {
    case 'contact.create':
    case 'contact.patch':
      return { table: 'contacts', ids: [m.args.id] };
    case 'contact.delete':
      return { table: 'contacts', ids: m.args.ids };
    case 'segment.create':
    case 'segment.patch':
    case 'segment.delete':
      return { table: 'segments', ids: [m.args.id] };
    case 'field.create':
    case 'field.patch':
    case 'field.delete':
      return { table: 'fields', ids: [m.args.id] };
  }
}

export function keyString(table: MutableTable, id: string): string {
  return `${table}:${id}`;
}

/** The state of record `id` after `m` (m must touch it). `now` stamps updatedAt like the server does. */
export function applyToState(state: RecordState, id: string, m: Mutation, now: number): RecordState {
  if (state.deleted) return state;
  const live = state.record;
  switch (m.name) {
    case 'contact.create':
      return live ? state : { record: contactFromCreate(m.args, now), deleted: false };
    case 'contact.patch':
      return live ? { record: applyContactPatch(live as Contact, m.args, now), deleted: false } : state;
    case 'field.create':
    case 'segment.create':
      return live ? state : { record: { ...m.args }, deleted: false };
    case 'field.patch':
      return live ? { record: applyFieldPatch(live as FieldDefinition, m.args, now), deleted: false } : state;
    case 'segment.patch':
      return live ? { record: applySegmentPatch(live as Segment, m.args, now), deleted: false } : state;
    case 'contact.delete':
    case 'field.delete':
    case 'segment.delete':
      // A delete of a record the server has never seen is still a delete: the id is spent.
      return touchedBy(m).ids.includes(id) ? { record: null, deleted: true } : state;
  }
}
