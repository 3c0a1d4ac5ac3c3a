// Property (R3, issue 8 item 6, server half): one arbitrarily malformed mutation inside a valid push
// never fails the batch (no 500, no whole-batch refusal): it gets its own result and its valid
// neighbours still apply. Afterwards every stored record still parses with the shared schemas and
// the file passes PRAGMA integrity_check: bad input can never corrupt the database.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { RecordKind } from '../../shared/protocol';
import { contactSchema, conversationSchema, fieldDefinitionSchema, segmentSchema } from '../../shared/schema';
import type { z } from 'zod';
import type { Storage } from '../storage/types';
import { callerFor, issueToken, openTempStorage, seedWorkspace, TEST_NOW } from '../test-helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

let storage: Storage;
let token: string;
let w: Awaited<ReturnType<typeof seedWorkspace>>;
const clientId = newId();
let nextId = 1;

beforeAll(async () => {
  ({ storage } = openTempStorage());
  w = await seedWorkspace(storage, { contacts: 30, seed: 11 });
  token = await issueToken(storage, w.workspace.id);
});
afterAll(() => storage.close());

type Json = unknown;
/** Valid mutations of every kind; the fuzzer damages one spot in one of them. */
function templates(): Record<string, Json>[] {
  const [c0, c1, c2] = w.contacts;
  const [f0] = w.fields;
  const [s0] = w.segments;
  return [
    { name: 'contact.patch', args: { id: c0.id, set: { name: 'Fuzzed', email: 'f@example.com', phone: '+14155550132' } } },
    { name: 'contact.patch', args: { id: c1.id, customFields: { plan: 'Pro', interests: [], lifetime_value: 5, renewal_date: '2026-03-01', website: 'https://x.example' } } },
    { name: 'contact.create', args: { id: newId(), createdAt: TEST_NOW, name: 'New', email: '', phone: '', avatarUrl: '', campaignOptIn: true, customFields: { company: 'Acme' } } },
    { name: 'contact.delete', args: { ids: [c2.id] } },
    { name: 'field.create', args: { id: newId(), key: `k_${nextId}`, label: 'K', type: 'select', options: ['a', 'b'], scope: 'contact', position: 20, createdAt: TEST_NOW, updatedAt: TEST_NOW } },
    { name: 'field.patch', args: { id: f0.id, label: 'Renamed', options: [], position: 3 } },
    { name: 'segment.create', args: { id: newId(), name: 'S', definition: { match: 'all', conditions: [{ field: 'name', operator: 'contains', value: 'a' }] }, createdAt: TEST_NOW, updatedAt: TEST_NOW } },
    { name: 'segment.patch', args: { id: s0.id, name: 'Renamed', definition: { match: 'any', conditions: [] } } },
  ];
}

/** Every path into a JSON value (arrays and objects), root excluded. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...paths((value as Record<string | number, Json>)[k], [...prefix, k])]);
}

type Damage = { kind: 'replace'; value: Json } | { kind: 'delete' } | { kind: 'extra'; key: string; value: Json };

function damaged(template: Record<string, Json>, path: (string | number)[], damage: Damage): Record<string, Json> {
  const copy = structuredClone(template);
  let parent: Record<string | number, Json> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (damage.kind === 'replace') parent[last] = damage.value;
  else if (damage.kind === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, Json>)[damage.key] = damage.value;
    else parent[last] = { [damage.key]: damage.value };
  }
  return copy;
}

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue() }),
  fc.record({ kind: fc.constant('replace' as const), value: fc.constantFrom<Json>('', 'x'.repeat(5000), -1, 1e308, 0.5, [], {}, null, 'javascript:alert(1)', '2025-02-30', '__proto__') }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({ kind: fc.constant('extra' as const), key: fc.constantFrom('__proto__', 'constructor', 'extra', 'id'), value: fc.jsonValue() }),
);

const SCHEMAS: Record<RecordKind, z.ZodType> = {
  contact: contactSchema,
  conversation: conversationSchema,
  field: fieldDefinitionSchema,
  segment: segmentSchema,
};

describe('[R3] push fuzz: one malformed mutation never blocks or corrupts', () => {
  it(`[R3] ${RUNS} random damages: own result, neighbours applied, never a 500`, async () => {
    const api = await callerFor(storage, token);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), damageArb, async (which, where, damage) => {
        const list = templates();
        const template = list[which % list.length];
        const spots = paths(template);
        const bad = damaged(template, spots[where % spots.length], damage);
        const [v1, v2] = [w.contacts[10 + (nextId % 10)], w.contacts[20 + (nextId % 10)]];
        const first = nextId;
        nextId += 3;
        const batch = [
          { id: first, clientTime: TEST_NOW, name: 'contact.patch', args: { id: v1.id, set: { name: `ok ${first}` } } },
          { id: first + 1, clientTime: TEST_NOW, ...bad },
          { id: first + 2, clientTime: TEST_NOW, name: 'contact.patch', args: { id: v2.id, set: { name: `ok ${first + 2}` } } },
        ];
        let res;
        try {
          res = await api.sync.push({ clientId, mutations: batch as never });
        } catch (error) {
          throw new Error(`push failed as a whole (${error instanceof TRPCError ? error.code : 'unknown'}): ${String(error)}\n${JSON.stringify(bad)}`);
        }
        expect(res.results.map((r) => r.id)).toEqual([first, first + 1, first + 2]);
        expect(res.results[0].status).toBe('applied');
        expect(res.results[2].status).toBe('applied');
        const middle = res.results[1];
        if (middle.status !== 'applied') expect(middle.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );

    // Nothing malformed got in: every record parses, and the file is sound.
    const db = new Database(storage.location, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT kind, id, data FROM records WHERE deleted = 0').all() as { kind: RecordKind; id: string; data: string }[];
      for (const row of rows) {
        const parsed = SCHEMAS[row.kind].safeParse(JSON.parse(row.data));
        expect(parsed.success, `${row.kind} ${row.id}: ${parsed.error?.message}`).toBe(true);
      }
    } finally {
      db.close();
    }
  }, 60_000);
});
