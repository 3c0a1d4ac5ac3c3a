// The conversation labels known on this device, for the Labels filter's suggestions: read from
// the in-memory query index (kept current from the change feed), so no table scan is needed.
import { getQueryEngine } from '../deps';

export function loadKnownLabels(): Promise<string[]> {
  const engine = getQueryEngine();
  return Promise.resolve(engine.ready ? [...engine.labels()].sort((a, b) => a.localeCompare(b)) : []);
}
