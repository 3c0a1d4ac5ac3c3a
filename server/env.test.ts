import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('[R1] environment', () => {
  it('has working defaults', () => {
    expect(parseEnv({})).toEqual({
      PORT: 8787,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      DEMO: true,
      NODE_ENV: 'development',
      DIST_DIR: './dist',
      PUSH_RATE_PER_SEC: 20,
      PUSH_RATE_BURST: 40,
    });
  });

  it.each([
    ['1', true],
    ['0', false],
    ['false', false],
    ['off', false],
    ['yes', true],
  ])('DEMO=%s -> %s', (value, expected) => {
    expect(parseEnv({ DEMO: value }).DEMO).toBe(expected);
  });

  it('reads PORT as a number and refuses nonsense with a clear message', () => {
    expect(parseEnv({ PORT: '0' }).PORT).toBe(0);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/Invalid environment: PORT/);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseEnv({ HOST: '' })).toThrow(/HOST/);
  });
});
