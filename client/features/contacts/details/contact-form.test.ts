import { describe, expect, it } from 'vitest';
import { EMPTY_DERIVED, type Contact, type FieldDefinition } from '../../../../shared/schema';
import { draftOf, parseDraft } from './contact-form';

const field = (key: string, type: FieldDefinition['type'], options: string[] = []): FieldDefinition => ({
  id: `0190a000-0000-7000-8000-00000000000${key.length}`,
  key,
  label: key,
  type,
  options,
  scope: 'contact',
  position: 0,
  createdAt: 0,
  updatedAt: 0,
});
const fields = [field('plan', 'select', ['Free', 'Pro']), field('score', 'number'), field('tags', 'multiselect', ['a', 'b'])];
const contact: Contact = {
  id: '0190a000-0000-7000-8000-0000000000aa',
  createdAt: 1,
  updatedAt: 1,
  name: 'Ann Lee',
  email: 'ann@example.com',
  phone: '+14155550132',
  avatarUrl: '',
  campaignOptIn: false,
  customFields: { plan: 'Free', score: 3 },
  ...EMPTY_DERIVED,
};

describe('[V8] contact editor form', () => {
  it('an untouched form changes nothing', () => {
    const d = draftOf(contact, fields);
    expect(d.phone).toBe('+1 415 555 0132');
    expect(parseDraft(d, d, fields, 'US')).toEqual({ ok: true, set: {}, customFields: {} });
  });

  it('sends only the changed fields, parsed to stored form', () => {
    const initial = draftOf(contact, fields);
    const draft = { ...initial, phone: '(415) 555-0199', campaignOptIn: true, custom: { ...initial.custom, score: '', tags: ['b'] } };
    expect(parseDraft(draft, initial, fields, 'US')).toEqual({
      ok: true,
      set: { phone: '+14155550199', campaignOptIn: true },
      customFields: { score: null, tags: ['b'] },
    });
  });

  it('reports every invalid field and saves nothing', () => {
    const initial = draftOf(contact, fields);
    const draft = { ...initial, name: ' ', email: 'nope', avatarUrl: 'javascript:x', custom: { ...initial.custom, score: 'lots' } };
    const r = parseDraft(draft, initial, fields, 'US');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['avatarUrl', 'cf:score', 'email', 'name']);
  });

  it('a new contact needs a name', () => {
    const empty = draftOf(null, fields);
    expect(parseDraft(empty, { ...empty, name: '\u0000' }, fields)).toEqual({ ok: false, errors: { name: 'Name is required' } });
    expect(parseDraft({ ...empty, name: 'Bo' }, { ...empty, name: '\u0000' }, fields)).toEqual({ ok: true, set: { name: 'Bo' }, customFields: {} });
  });
});
