// Contact fields derived from its conversations (D2, D4). Written by the server only (seed, ingest),
// so they never conflict (S5); one pure function so every writer computes them the same way.
import { LIMITS } from './limits';
import type { ContactDerived, Conversation, CustomValue } from './schema';

/** Newest first; ties broken by id so the result never depends on input order. */
function byRecency(a: Conversation, b: Conversation): number {
  if (a.lastMessageAt !== b.lastMessageAt) return b.lastMessageAt - a.lastMessageAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function hasValue(v: CustomValue | undefined): v is Exclude<CustomValue, null> {
  return v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
}

export function summarizeConversations(conversations: readonly Conversation[]): ContactDerived {
  if (conversations.length === 0) {
    return {
      lastInteractionAt: null,
      lastMessagePreview: '',
      lastMessageChannel: '',
      conversationCount: 0,
      labels: [],
      conversationFields: {},
    };
  }
  const sorted = [...conversations].sort(byRecency);
  const latest = sorted[0];
  const labels: string[] = [];
  const seen = new Set<string>();
  const conversationFields: Record<string, CustomValue> = {};
  for (const conv of sorted) {
    for (const label of conv.labels) {
      if (!seen.has(label)) {
        seen.add(label);
        labels.push(label);
      }
    }
    for (const [key, value] of Object.entries(conv.customFields)) {
      if (!(key in conversationFields) && hasValue(value)) conversationFields[key] = value;
    }
  }
  return {
    lastInteractionAt: latest.lastMessageAt,
    lastMessagePreview: latest.lastMessageText.slice(0, LIMITS.previewMax),
    lastMessageChannel: latest.channel,
    conversationCount: conversations.length,
    labels,
    conversationFields,
  };
}
