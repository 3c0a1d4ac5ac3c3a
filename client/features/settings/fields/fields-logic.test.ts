// V14: key slugs, reorder patches and the value count behind the delete confirmation.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../../shared/ids';
import { makeContact, makeField } from '../../../../shared/filter/test-contact';
import { ContactsDB } from '../../../db/db';
import { createQueryEngine, type QueryEngine } from '../../../query/engine';
import { keyProblem, slugifyKey, uniqueKey } from './field-key';
import { moveField, nextPosition } from './field-order';
import { contactsWithValue } from './field-usage';

describe('field keys', () => {
  it.each([
    ['Lifetime value', 'lifetime_value'],
    ['  Zoë’s Café! ', 'zoe_s_cafe'],
    ['2nd phone', 'f_2nd_phone'],
    ['CSAT', 'csat'],
    ['---', ''],
    ['a'.repeat(100), 'a'.repeat(64)],
  ])('[V14] %j -> %j', (label, key) => {
    expect(slugifyKey(label)).toBe(key);
    if (key) expect(keyProblem(key, new Set())).toBeNull();
  });

  it('[V14] a taken key gets a number', () => {
    expect(uniqueKey('Plan', new Set(['plan', 'plan_2']))).toBe('plan_3');
    expect(uniqueKey('Plan', new Set(['other']))).toBe('plan');
  });

  it('[V14] a typed key must be lower_snake_case and free', () => {
    expect(keyProblem('', new Set())).toMatch(/required/);
    expect(keyProblem('Bad Key', new Set())).toMatch(/lower_snake_case/);
    expect(keyProblem('plan', new Set(['plan']))).toMatch(/already exists/);
  });
});

describe('field order', () => {
  const a = { ...makeField('a', 'text'), position: 0 };
  const b = { ...makeField('b', 'text'), position: 1 };
  const c = { ...makeField('c', 'text'), position: 2 };
  const conv = { ...makeField('x', 'text', 'conversation'), position: 0 };
  const all = [c, conv, a, b];

  it('[V14] move down / up swaps neighbours within the scope', () => {
    expect(moveField(all, a.id, 1)).toEqual([
      { id: b.id, position: 0 },
      { id: a.id, position: 1 },
    ]);
    expect(moveField(all, c.id, -1)).toEqual([
      { id: c.id, position: 1 },
      { id: b.id, position: 2 },
    ]);
  });

  it('[V14] the ends do not move; conversation fields are a separate list', () => {
    expect(moveField(all, a.id, -1)).toEqual([]);
    expect(moveField(all, c.id, 1)).toEqual([]);
    expect(moveField(all, conv.id, 1)).toEqual([]);
  });

  it('[V14] equal positions are renumbered on the first move', () => {
    const p = { ...makeField('p', 'text'), position: 5 };
    const q = { ...makeField('q', 'text'), position: 5 };
    expect(moveField([p, q], q.id, -1)).toEqual([
      { id: q.id, position: 0 },
      { id: p.id, position: 1 },
    ]);
  });

  it('[V14] a new field goes last in its scope', () => {
    expect(nextPosition(all, 'contact')).toBe(3);
    expect(nextPosition(all, 'conversation')).toBe(1);
    expect(nextPosition([], 'contact')).toBe(0);
  });
});

describe('contactsWithValue', () => {
  let db: ContactsDB | undefined;
  let engine: QueryEngine | undefined;
  afterEach(() => {
    engine?.close();
    db?.close();
  });

  it('[V14] counts contacts with a value (not null, not an empty list) for contact and conversation fields', async () => {
    db = new ContactsDB(`fields-${newId()}`);
    const tags = makeField('tags', 'multiselect', 'contact', ['x', 'y']);
    const plan = makeField('plan', 'select', 'contact', ['Pro']);
    const score = makeField('score', 'number');
    const priority = makeField('priority', 'select', 'conversation', ['High']);
    const fields = [tags, plan, score, priority];
    await db.fields.bulkPut(fields);
    await db.contacts.bulkPut([
      makeContact({ customFields: { tags: ['x'], plan: 'Pro', score: 0 }, conversationFields: { priority: 'High' } }),
      makeContact({ customFields: { tags: [], score: -1 } }),
      makeContact({ customFields: { tags: ['y'] }, conversationFields: { priority: 'High' } }),
      makeContact(),
    ]);
    engine = createQueryEngine(db, { locale: 'en' });
    await engine.settled();
    expect(contactsWithValue(engine, tags, fields)).toBe(2);
    expect(contactsWithValue(engine, plan, fields)).toBe(1);
    expect(contactsWithValue(engine, score, fields)).toBe(2);
    expect(contactsWithValue(engine, priority, fields)).toBe(2);
  });
});
