// One readable line from a zod error ("email: enter a valid email address").
import type { z } from 'zod';

export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => i.message)
    .join('; ');
}
