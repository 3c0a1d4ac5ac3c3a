import { describe, expect, it } from 'vitest';
import { contactUpsertSchema, messageAddSchema } from '../../shared/ingest';
import { newId } from '../../shared/ids';
import { createRng } from '../seed/prng';
import { SimTraffic, type SimEvent } from './sim-traffic';

/** Plays `n` events, answering each as the server would (new ids for whatever it would create). */
function play(seed: number, n: number): SimEvent[] {
  const traffic = new SimTraffic(createRng(seed));
  const events: SimEvent[] = [];
  for (let i = 0; i < n; i++) {
    const e = traffic.next();
    events.push(e);
    if (e.kind === 'new contact') traffic.record(e, { contactId: newId(), created: true, updated: false });
    else traffic.record(e, { contactId: newId(), conversationId: e.body.conversationId ?? newId(), contactCreated: e.kind === 'new sender', conversationCreated: e.kind !== 'reply' });
  }
  return events;
}

describe('[R2] simulated traffic', () => {
  it('[R2] every event is a valid ingest payload, and the mix covers all kinds with accents and labels', () => {
    const events = play(11, 300);
    for (const e of events) {
      const schema = e.kind === 'new contact' ? contactUpsertSchema : messageAddSchema;
      expect(schema.safeParse(e.body).success, JSON.stringify(e.body)).toBe(true);
    }
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['new contact', 'new conversation', 'new sender', 'reply']);
    expect(events.some((e) => /[À-ž]/.test(e.summary))).toBe(true);
    expect(events.some((e) => e.kind !== 'new contact' && (e.body.labels?.length ?? 0) > 0)).toBe(true);
  });

  it('[R2] the same seed replays the same traffic', () => {
    const strip = (events: SimEvent[]) => events.map((e) => [e.kind, e.summary]);
    expect(strip(play(5, 50))).toEqual(strip(play(5, 50)));
    expect(strip(play(5, 50))).not.toEqual(strip(play(6, 50)));
  });
});
