// The server's data as plain arrays, and reference answers computed with the shared evaluator and
// search rules, so browser tests compare what the table shows with what the data says.
import type { Contact, FieldDefinition, FilterGroup, Segment } from '../shared/schema';
import { evaluateFilter } from '../shared/filter/evaluate';
import { documentMatches, normalizeQuery, searchDocument } from '../shared/search/normalize';
import { serverState } from './api';

export type Workspace = { contacts: Contact[]; fields: FieldDefinition[]; segments: Segment[] };

export async function loadWorkspace(baseUrl: string): Promise<Workspace> {
  const state = await serverState(baseUrl);
  const values = <T>(kind: string): T[] =>
    [...(state.get(kind)?.values() ?? [])].map((change) => (change as unknown as { data: T }).data);
  return { contacts: values<Contact>('contact'), fields: values<FieldDefinition>('field'), segments: values<Segment>('segment') };
}

export function expectedCount(ws: Workspace, opts: { search?: string; filter?: FilterGroup }): number {
  const terms = normalizeQuery(opts.search ?? '');
  const ctx = { now: Date.now(), fields: ws.fields, timeZone: 'UTC' };
  return ws.contacts.filter(
    (c) =>
      (terms.length === 0 || documentMatches(searchDocument(c, ws.fields), terms)) &&
      (!opts.filter || evaluateFilter(opts.filter, c, ctx)),
  ).length;
}
