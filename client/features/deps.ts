// The UI's one import point for the app-level services built in their own folders: the query
// engine, sync engine, session and local change API (pure shared helpers are imported directly).
export { getQueryEngine, useContactsQuery } from '../query/use-contacts-query';
export { useSyncStatus } from '../sync/status';
export { getSyncEngine, signInDemoAndSync } from '../sync/app-sync';
// Accounts (issue 11): password/invite sign-in, the API client for workspace calls, revoking sign-out.
export { getSignedInApi, getSyncApi, signInAndSync, signOutDevice } from '../sync/app-sync';
export { clearRejectedMutations, useRejectedMutations } from '../sync/rejected';
export { useSession } from '../session';
export { createSegment, patchSegment, deleteSegment, patchContact } from '../db/changes';
// Editing, details and bulk delete (issue 5): contact changes, and the change feed for live updates.
export { createContact, deleteContacts, LocalChangeError, onLocalChange } from '../db/changes';
export { subscribeChanges } from '../db/change-feed';
// Settings › Fields (V14): field definitions; several position patches go in one transaction.
export { applyLocalChanges, createField, patchField, deleteField } from '../db/changes';
