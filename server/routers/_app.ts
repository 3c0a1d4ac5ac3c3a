// The root router: one sub-router per domain. Clients import only `type AppRouter`.
import { router } from '../trpc';
import { authRouter } from './auth';
import { ingestRouter } from './ingest';
import { syncRouter } from './sync';
import { workspaceRouter } from './workspace';

export const appRouter = router({ auth: authRouter, sync: syncRouter, ingest: ingestRouter, workspace: workspaceRouter });
export type AppRouter = typeof appRouter;
