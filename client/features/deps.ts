// The UI's one import point for the query engine, sync engine, session and local change API
// (built in their own folders). Feature code imports from here, so a moved or renamed export
// is fixed in one place.
export { useContactsQuery } from '../query/use-contacts-query';
export { filterFieldsFor, operatorsFor, operatorLabel, valueShapeOf, validateCondition } from '../../shared/filter/fields';
export type { FilterFieldInfo, ValueShape } from '../../shared/filter/fields';
export { useSyncStatus } from '../sync/status';
export { getSyncEngine, signInDemoAndSync } from '../sync/app-sync';
export { useSession } from '../session';
export { createSegment, patchSegment, deleteSegment, patchContact } from '../db/changes';
export { formatPhone } from '../../shared/values';
