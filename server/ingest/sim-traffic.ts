// What the simulator sends (R2): a seeded stream of realistic ingest events. Pure apart from the
// random source, so a seed replays the same traffic. It remembers the contacts and conversations
// the server's answers name, so later events land on existing contacts and conversations.
import {
  INGEST_PATHS,
  type ContactUpsertInput,
  type ContactUpsertResult,
  type MessageAddInput,
  type MessageAddResult,
} from '../../shared/ingest';
import { CHANNELS } from '../../shared/schema';
import { formatPhone } from '../../shared/values';
import { asciiSlug, randomPhone } from '../seed/generate';
import type { Rng } from '../seed/prng';
import * as V from '../seed/vocabulary';

export type KnownContact = { id?: string; name: string; email: string; phone: string };
type KnownConversation = { id: string; contact: string; channel: string };

type EventBase = {
  /** One line for the console. */
  summary: string;
  /** Who the event is about (remembered with its id once the server answers). */
  sender?: KnownContact;
};
export type SimEvent =
  | (EventBase & { kind: 'new contact'; path: typeof INGEST_PATHS.contacts; body: ContactUpsertInput })
  | (EventBase & { kind: 'new sender' | 'new conversation' | 'reply'; path: typeof INGEST_PATHS.messages; body: MessageAddInput });

/** Lists stay bounded however long the simulator runs. */
const MEMORY = 500;
const MESSAGE_PREVIEW = 48;

function remember<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MEMORY) list.splice(0, list.length - MEMORY);
}

function quote(text: string): string {
  return JSON.stringify(text.length > MESSAGE_PREVIEW ? `${text.slice(0, MESSAGE_PREVIEW - 1)}…` : text);
}

export class SimTraffic {
  private readonly contacts: KnownContact[] = [];
  private readonly conversations: KnownConversation[] = [];
  /** Off once the server refuses the demo field keys (a workspace without those definitions). */
  customFields = true;

  constructor(private readonly rng: Rng, known: KnownContact[] = []) {
    for (const c of known) remember(this.contacts, c);
  }

  get knownContacts(): number {
    return this.contacts.length;
  }

  private person(): KnownContact {
    const { rng } = this;
    const first = rng.pick(V.FIRST_NAMES);
    const last = rng.pick(V.LAST_NAMES);
    const domain = rng.chance(0.3) ? rng.pick(V.COMPANY_DOMAINS) : rng.pick(V.MAIL_DOMAINS);
    const email = `${asciiSlug(first)}.${asciiSlug(last)}.${rng.int(10, 99999)}@${domain}`;
    return { name: `${first} ${last}`, email, phone: rng.chance(0.75) ? randomPhone(rng) : '' };
  }

  /** Phones arrive in whatever format the channel uses; the server stores E.164. */
  private phoneAsSent(e164: string): string {
    return this.rng.chance(0.5) ? formatPhone(e164) : e164;
  }

  private labels(): string[] | undefined {
    if (!this.rng.chance(0.45)) return undefined;
    const picked = V.LABELS.filter(() => this.rng.chance(0.25));
    return picked.length > 0 ? picked : [this.rng.pick(V.LABELS)];
  }

  private conversationFields(): MessageAddInput['customFields'] {
    if (!this.customFields) return undefined;
    const cf: NonNullable<MessageAddInput['customFields']> = {};
    if (this.rng.chance(0.6)) cf.priority = this.rng.pick(V.PRIORITIES);
    if (this.rng.chance(0.2)) cf.csat = this.rng.int(1, 5);
    if (this.rng.chance(0.2)) cf.order_id = `ORD-${this.rng.int(100000, 999999)}`;
    return Object.keys(cf).length > 0 ? cf : undefined;
  }

  private newContact(): SimEvent {
    const p = this.person();
    const body: ContactUpsertInput = { name: p.name, email: p.email };
    if (p.phone) body.phone = this.phoneAsSent(p.phone);
    if (this.customFields && this.rng.chance(0.5)) {
      body.customFields = { company: this.rng.pick(V.COMPANIES), plan: this.rng.pick(V.PLANS) };
    }
    const summary = `${p.name} <${p.email}>${p.phone ? ` ${p.phone}` : ''}`;
    return { kind: 'new contact', path: INGEST_PATHS.contacts, body, summary, sender: p };
  }

  private message(kind: 'new sender' | 'new conversation', who: KnownContact): SimEvent {
    const channel = this.rng.pick(CHANNELS);
    const text = this.rng.pick(V.MESSAGES);
    const contact: MessageAddInput['contact'] =
      kind === 'new sender'
        ? { name: who.name, email: who.email, ...(who.phone ? { phone: this.phoneAsSent(who.phone) } : {}) }
        : who.id && this.rng.chance(0.3)
          ? { contactId: who.id }
          : who.email
            ? { email: who.email }
            : { phone: who.phone };
    const body: MessageAddInput = { contact, channel, text, labels: this.labels(), customFields: this.conversationFields() };
    const tags = body.labels ? ` [${body.labels.join(', ')}]` : '';
    return { kind, path: INGEST_PATHS.messages, body, summary: `${channel} ${who.name}: ${quote(text)}${tags}`, sender: who };
  }

  private reply(conv: KnownConversation): SimEvent {
    const text = this.rng.pick(V.MESSAGES);
    const body: MessageAddInput = { conversationId: conv.id, text, labels: this.rng.chance(0.2) ? this.labels() : undefined };
    const tags = body.labels ? ` [${body.labels.join(', ')}]` : '';
    return { kind: 'reply', path: INGEST_PATHS.messages, body, summary: `${conv.channel} ${conv.contact}: ${quote(text)}${tags}` };
  }

  /** Mix: new contacts, first messages from new senders, new conversations and replies on known ones. */
  next(): SimEvent {
    const roll = this.rng.next();
    const reachable = this.contacts.filter((c) => c.email || c.phone);
    if (roll < 0.2) return this.newContact();
    if (roll < 0.4 || reachable.length === 0) return this.message('new sender', this.person());
    if (roll < 0.7 || this.conversations.length === 0) return this.message('new conversation', this.rng.pick(reachable));
    return this.reply(this.rng.pick(this.conversations));
  }

  /** Learns ids from the server's answer to `event`. */
  record(event: SimEvent, result: ContactUpsertResult | MessageAddResult): void {
    const created = 'created' in result ? result.created : result.contactCreated;
    if (event.sender && created) remember(this.contacts, { ...event.sender, id: result.contactId });
    if (event.kind !== 'new contact' && 'conversationId' in result && result.conversationCreated) {
      remember(this.conversations, { id: result.conversationId, contact: event.sender?.name ?? '', channel: event.body.channel ?? '' });
    }
  }
}
