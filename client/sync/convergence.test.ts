// [S6] Convergence property: 3-5 devices against the real server over HTTP, random interleavings
// of creates, field edits, deletes, offline/online, pushes, pulls (tiny pages), lost responses
// and duplicated requests. At the end every device equals the server (a fresh device's pull),
// and the server equals a model that applies, in server order, exactly the mutations the server
// reported as applied - so every acknowledged edit is present unless a later one superseded it.
// Runs: SYNC_PROPERTY_RUNS (default 200); reproduce a failure with SYNC_PROPERTY_SEED=<seed>
// (and SYNC_PROPERTY_PATH=<path>) printed in the failure message.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Mutation } from '../../shared/mutations';
import { createContact, createField, createSegment, deleteContacts, deleteSegment, patchContact, patchSegment } from '../db/changes';
import { makeDevice, snapshot, startTestServer, type Device, type PushLogEntry, type TestServer } from './testing/harness';

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 200);
const SEED = process.env.SYNC_PROPERTY_SEED ? Number(process.env.SYNC_PROPERTY_SEED) : undefined;
const PATH = process.env.SYNC_PROPERTY_PATH;

const NAMES = ['Zoë', 'José', 'Müller', 'Søren', 'Ana', 'Li'];
const EMAILS = ['', 'a@example.com', 'b@example.org', 'c@example.net'];
const PHONES = ['', '+14155550132', '+442071838750', '+4930901820'];
const PLANS = ['free', 'pro', 'team', null];

type Action =
  | { t: 'create'; d: number; name: number }
  | { t: 'edit'; d: number; pick: number; field: 'name' | 'email' | 'phone' | 'campaignOptIn'; v: number }
  | { t: 'delete'; d: number; pick: number; count: number }
  | { t: 'plan'; d: number; pick: number; v: number }
  | { t: 'segment'; d: number; pick: number; op: 'create' | 'rename' | 'delete'; v: number }
  | { t: 'offline'; d: number; on: boolean }
  | { t: 'sync' | 'push'; d: number }
  | { t: 'pull'; d: number; limit: number }
  | { t: 'drop' | 'dup'; d: number };

const action = (devices: number): fc.Arbitrary<Action> => {
  const d = fc.nat({ max: devices - 1 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ t: fc.constant('create' as const), d, name: fc.nat({ max: NAMES.length - 1 }) }) },
    {
      weight: 5,
      arbitrary: fc.record({
        t: fc.constant('edit' as const),
        d,
        pick: fc.nat(),
        field: fc.constantFrom('name' as const, 'email' as const, 'phone' as const, 'campaignOptIn' as const),
        v: fc.nat({ max: 3 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), d, pick: fc.nat(), count: fc.integer({ min: 1, max: 2 }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('plan' as const), d, pick: fc.nat(), v: fc.nat({ max: 3 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        t: fc.constant('segment' as const),
        d,
        pick: fc.nat(),
        op: fc.constantFrom('create' as const, 'rename' as const, 'delete' as const),
        v: fc.nat({ max: NAMES.length - 1 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('offline' as const), d, on: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constantFrom('sync' as const, 'push' as const), d }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('pull' as const), d, limit: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constantFrom('drop' as const, 'dup' as const), d }) },
  );
};

const scenario = fc.integer({ min: 3, max: 5 }).chain((n) =>
  fc.record({ devices: fc.constant(n), actions: fc.array(action(n), { minLength: 5, maxLength: 30 }) }),
);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function pickContact(dev: Device, pick: number, count = 1): Promise<string[]> {
  const ids = (await dev.db.contacts.toCollection().primaryKeys()) as string[];
  if (!ids.length) return [];
  ids.sort();
  return Array.from({ length: Math.min(count, ids.length) }, (_, i) => ids[(pick + i) % ids.length]);
}

async function run(dev: Device, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof Error) || !/offline|response lost/.test(error.message)) throw error;
  }
}

async function perform(devs: Device[], a: Action): Promise<void> {
  const dev = devs[a.d];
  switch (a.t) {
    case 'create':
      await createContact(dev.db, { name: NAMES[a.name], email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
      return;
    case 'edit': {
      const [id] = await pickContact(dev, a.pick);
      if (!id) return;
      const value = a.field === 'name' ? NAMES[a.v] : a.field === 'email' ? EMAILS[a.v] : a.field === 'phone' ? PHONES[a.v] : a.v % 2 === 1;
      await patchContact(dev.db, id, { set: { [a.field]: value } });
      return;
    }
    case 'delete': {
      const ids = await pickContact(dev, a.pick, a.count);
      if (ids.length) await deleteContacts(dev.db, ids);
      return;
    }
    case 'plan': {
      const [id] = await pickContact(dev, a.pick);
      if (id) await patchContact(dev.db, id, { customFields: { plan: PLANS[a.v] } });
      return;
    }
    case 'segment': {
      const ids = ((await dev.db.segments.toCollection().primaryKeys()) as string[]).sort();
      const id = ids.length ? ids[a.pick % ids.length] : undefined;
      if (a.op === 'create') await createSegment(dev.db, { name: NAMES[a.v], definition: { match: 'all', conditions: [] } });
      else if (id && a.op === 'rename') await patchSegment(dev.db, id, { name: `${NAMES[a.v]} list` });
      else if (id) await deleteSegment(dev.db, id);
      return;
    }
    case 'offline':
      dev.faults.offline = a.on;
      return;
    case 'sync':
      return run(dev, () => dev.sync(3));
    case 'push':
      return run(dev, () => dev.push());
    case 'pull':
      return run(dev, () => dev.pull(a.limit));
    case 'drop':
      dev.faults.dropResponses += 1;
      return;
    case 'dup':
      dev.faults.duplicate += 1;
      return;
  }
}

/** S5 during the run: a device always shows its own latest pending value of every field it edited. */
async function expectPendingVisible(dev: Device): Promise<void> {
  const latest = new Map<string, unknown>();
  for (const m of await dev.db.outbox.toArray()) {
    if (m.name !== 'contact.patch') continue;
    for (const [k, v] of Object.entries(m.args.set ?? {})) latest.set(`${m.args.id}|${k}`, v);
    for (const [k, v] of Object.entries(m.args.customFields ?? {})) latest.set(`${m.args.id}|cf:${k}`, v ?? undefined);
  }
  for (const [key, value] of latest) {
    const [id, field] = key.split('|');
    const c = await dev.db.contacts.get(id);
    if (!c) continue;
    const shown = field.startsWith('cf:') ? c.customFields[field.slice(3)] : c[field as keyof typeof c];
    expect(shown, `${dev.name} shows its pending ${field}`).toEqual(value);
  }
}

type ModelContact = { name: string; email: string; phone: string; campaignOptIn: boolean; plan?: unknown };

/** The server's expected contacts: the applied mutations, first answer per (client, id), in order. */
function model(log: PushLogEntry[]): Map<string, ModelContact> {
  const seen = new Set<string>();
  const live = new Map<string, ModelContact>();
  const dead = new Set<string>();
  for (const entry of log) {
    const byId = new Map<number, Mutation>(entry.mutations.map((m) => [m.id, m]));
    for (const r of entry.results) {
      const key = `${entry.clientId}:${r.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const m = byId.get(r.id)!;
      if (r.status === 'rejected') throw new Error(`unexpected rejection of ${m.name}: ${r.reason}`);
      if (r.status === 'ignored') {
        // Only edits/creates of deleted (or never created) contacts may be ignored (delete wins).
        const ids = m.name === 'contact.delete' ? m.args.ids : [m.args.id as string];
        const stillLive = m.name !== 'contact.create' && ids.some((id) => live.has(id) && m.name === 'contact.patch');
        if (stillLive) throw new Error(`server ignored ${m.name} of a live contact`);
        continue;
      }
      if (!m.name.startsWith('contact.')) continue; // segments/fields: checked by device == server equality
      if (m.name === 'contact.create') {
        if (dead.has(m.args.id)) throw new Error('server resurrected a deleted contact');
        const { name, email, phone, campaignOptIn } = m.args;
        live.set(m.args.id, { name, email, phone, campaignOptIn });
      } else if (m.name === 'contact.patch') {
        const c = live.get(m.args.id);
        if (!c) throw new Error('server applied a patch to a missing contact');
        Object.assign(c, m.args.set);
        if (m.args.customFields && 'plan' in m.args.customFields) {
          if (m.args.customFields.plan === null) delete c.plan;
          else c.plan = m.args.customFields.plan;
        }
      } else if (m.name === 'contact.delete') {
        for (const id of m.args.ids) {
          live.delete(id);
          dead.add(id);
        }
      }
    }
  }
  return live;
}

it(
  '[S6] devices converge to the server state under random edits, offline periods, lost and duplicated requests',
  async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ devices: n, actions }) => {
        const ws = await server.newWorkspace();
        const log: PushLogEntry[] = [];
        const devs = await Promise.all(Array.from({ length: n }, (_, i) => makeDevice(server, ws, `d${i}`, log)));
        try {
          // A select field every device knows before the random part starts.
          await createField(devs[0].db, { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro', 'team'], scope: 'contact', position: 0 });
          for (const d of devs) await d.sync();
          for (const a of actions) {
            await perform(devs, a);
            await expectPendingVisible(devs[a.d]);
          }
          // Heal the network, then let everyone sync: twice round, so each sees the others' last pushes.
          for (const d of devs) Object.assign(d.faults, { offline: false, dropResponses: 0, duplicate: 0 });
          for (let round = 0; round < 2; round++) for (const d of devs) await d.sync(3);
          const reference = await makeDevice(server, ws, 'reference');
          devs.push(reference);
          await reference.pull();
          const expected = await snapshot(reference.db);
          for (const d of devs) {
            expect(await d.db.outbox.count()).toBe(0);
            expect(await d.db.bases.count()).toBe(0);
            expect(await snapshot(d.db)).toEqual(expected);
          }
          const want = model(log);
          const got = new Map(
            expected.contacts.map((c) => {
              const row: ModelContact = { name: c.name, email: c.email, phone: c.phone, campaignOptIn: c.campaignOptIn };
              if (c.customFields.plan !== undefined) row.plan = c.customFields.plan;
              return [c.id, row];
            }),
          );
          expect(got).toEqual(want);
        } finally {
          await Promise.all(devs.map((d) => d.close()));
        }
      }),
      { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true },
    );
  },
  600_000,
);
