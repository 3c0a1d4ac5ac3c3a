// D5: a saved segment, synced like contacts.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { epochMsSchema, idSchema } from './common';
import { filterGroupSchema } from './filter';

export const segmentSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1, 'name is required').max(LIMITS.segmentNameMax),
  definition: filterGroupSchema,
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type Segment = z.infer<typeof segmentSchema>;
