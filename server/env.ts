// Environment, parsed once at start-up with zod so a typo fails loudly instead of silently defaulting.
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Demo workspace + one-click sign-in; on unless DEMO=0 (or "false"/"off"). */
  DEMO: z
    .string()
    .optional()
    .transform((v) => !(v !== undefined && ['0', 'false', 'off', 'no'].includes(v.trim().toLowerCase()))),
  NODE_ENV: z.string().min(1).default('development'),
  DIST_DIR: z.string().min(1).default('./dist'),
  /** Per-device-token push rate limit (S9): sustained pushes per second and burst size. */
  PUSH_RATE_PER_SEC: z.coerce.number().positive().default(20),
  PUSH_RATE_BURST: z.coerce.number().int().min(1).default(40),
  /** Fixed ingest key for the first workspace (R2); unset: DATA_DIR/ingest-key, created on first start. */
  /** postgres://... : PostgreSQL storage shared by several processes (R5); unset: DATA_DIR's SQLite file. */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(z.string().regex(/^postgres(ql)?:\/\//i, 'must start with postgres:// or postgresql://').optional()),
  INGEST_KEY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'must be 16-200 characters of A-Z a-z 0-9 _ -').optional()),
});
export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${detail}`);
  }
  return result.data;
}
