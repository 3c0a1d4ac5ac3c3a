import { z } from 'zod';
import { idSchema } from './common';

export const workspaceSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(120),
});
export type Workspace = z.infer<typeof workspaceSchema>;
