import { z } from 'zod';

/** A record id: a UUID (v7 for records made by this product). */
export const idSchema = z.uuid({ message: 'must be a UUID' });

/** Milliseconds since the Unix epoch, UTC. */
export const epochMsSchema = z
  .number()
  .int()
  .min(0)
  .max(8.64e15);
