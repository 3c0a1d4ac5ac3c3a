// The root router: one sub-router per domain. Clients import only `type AppRouter`.
import { router } from '../trpc';
import { authRouter } from './auth';
import { syncRouter } from './sync';

export const appRouter = router({ auth: authRouter, sync: syncRouter });
export type AppRouter = typeof appRouter;
