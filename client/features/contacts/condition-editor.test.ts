import { describe, expect, it } from 'vitest';
import { filterFieldsFor, operatorsFor, validateCondition, valueShapeOf } from '../../../shared/filter/fields';
import { filterConditionSchema, type FieldDefinition } from '../../../shared/schema';
import { conditionFor, initialValue } from './condition-editor';

const fields: FieldDefinition[] = [
  { id: '0190f3c2-7a6b-7cc0-8000-000000000001', key: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Pro'], scope: 'contact', position: 0, createdAt: 0, updatedAt: 0 },
  { id: '0190f3c2-7a6b-7cc0-8000-000000000002', key: 'seats', label: 'Seats', type: 'number', options: [], scope: 'contact', position: 1, createdAt: 0, updatedAt: 0 },
  { id: '0190f3c2-7a6b-7cc0-8000-000000000003', key: 'renewal', label: 'Renewal', type: 'date', options: [], scope: 'contact', position: 2, createdAt: 0, updatedAt: 0 },
  { id: '0190f3c2-7a6b-7cc0-8000-000000000004', key: 'tier', label: 'Tier', type: 'multiselect', options: ['A', 'B'], scope: 'conversation', position: 3, createdAt: 0, updatedAt: 0 },
];

describe('quick filter condition editor', () => {
  it('[V2][D6] every field x operator starts with a value the URL/segment schema accepts', () => {
    for (const info of filterFieldsFor(fields)) {
      for (const operator of operatorsFor(info.kind)) {
        const condition = conditionFor(info, operator);
        expect(filterConditionSchema.safeParse(condition).success, `${info.id} ${operator}`).toBe(true);
        // Value-less operators apply at once; the rest wait for the user's value (none are wrongly "active"),
        // except day counts, which start at a sensible default.
        const shape = valueShapeOf(info.kind, operator);
        const active = validateCondition(condition, fields) === null;
        expect(active, `${info.id} ${operator}`).toBe(shape === 'none' || shape === 'days');
      }
    }
  });

  it('[V2] initial values by shape', () => {
    expect(initialValue('none')).toBeNull();
    expect(initialValue('options')).toEqual([]);
    expect(initialValue('dayRange')).toEqual(['', '']);
    expect(initialValue('days')).toBe(30);
    expect(initialValue('text')).toBe('');
  });
});
