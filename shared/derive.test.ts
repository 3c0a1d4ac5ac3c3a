import { describe, expect, it } from 'vitest';
import { summarizeConversations } from './derive';
import type { Conversation } from './schema';

let n = 0;
const conv = (over: Partial<Conversation>): Conversation => ({
  id: `0190a000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  contactId: '0190a000-0000-7000-8000-999999999999',
  channel: 'email',
  createdAt: 0,
  lastMessageAt: 0,
  lastMessageText: '',
  labels: [],
  customFields: {},
  ...over,
});

describe('[D4] summarizeConversations', () => {
  it('is empty for no conversations', () => {
    expect(summarizeConversations([])).toEqual({
      lastInteractionAt: null,
      lastMessagePreview: '',
      lastMessageChannel: '',
      conversationCount: 0,
      labels: [],
      conversationFields: {},
    });
  });

  it('takes last interaction, preview and channel from the most recent conversation', () => {
    const old = conv({ lastMessageAt: 100, lastMessageText: 'old', channel: 'sms' });
    const recent = conv({ lastMessageAt: 300, lastMessageText: 'x'.repeat(500), channel: 'whatsapp' });
    const s = summarizeConversations([old, recent]);
    expect(s.lastInteractionAt).toBe(300);
    expect(s.lastMessagePreview).toHaveLength(280);
    expect(s.lastMessageChannel).toBe('whatsapp');
    expect(s.conversationCount).toBe(2);
  });

  it('labels are distinct, most recent first', () => {
    const s = summarizeConversations([
      conv({ lastMessageAt: 1, labels: ['bug', 'vip'] }),
      conv({ lastMessageAt: 3, labels: ['refund'] }),
      conv({ lastMessageAt: 2, labels: ['vip', 'billing'] }),
    ]);
    expect(s.labels).toEqual(['refund', 'vip', 'billing', 'bug']);
  });

  it('conversation fields: per key, the value of the most recent conversation that has one', () => {
    const s = summarizeConversations([
      conv({ lastMessageAt: 1, customFields: { priority: 'low', csat: 5, order_id: 'ORD-1' } }),
      conv({ lastMessageAt: 3, customFields: { priority: null, csat: 2 } }),
      conv({ lastMessageAt: 2, customFields: { priority: 'high', order_id: '' } }),
    ]);
    expect(s.conversationFields).toEqual({ priority: 'high', csat: 2, order_id: 'ORD-1' });
  });

  it('does not depend on input order', () => {
    const list = [conv({ lastMessageAt: 5, labels: ['a'] }), conv({ lastMessageAt: 5, labels: ['b'] }), conv({ lastMessageAt: 1 })];
    expect(summarizeConversations([...list].reverse())).toEqual(summarizeConversations(list));
  });
});
