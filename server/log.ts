// Structured logging: one JSON object per line on stdout. Never pass tokens or request bodies here.
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = { info(event: string, fields?: LogFields): void; error(event: string, fields?: LogFields): void };

export function createLogger(opts: { quiet?: boolean } = {}): Logger {
  const write = (level: string, event: string, fields: LogFields = {}) => {
    if (opts.quiet) return;
    process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), level, event, ...fields })}\n`);
  };
  return { info: (e, f) => write('info', e, f), error: (e, f) => write('error', e, f) };
}

export const silentLogger: Logger = { info() {}, error() {} };
