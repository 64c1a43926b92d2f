import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiServerEnv } from '../src/processes/api-env.ts';
import { nodeOptionsOf } from '../src/processes/node-process.ts';

describe('the Node options of the processes the bench starts', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('gives each kind its own variable, and nothing when it is unset', () => {
    vi.stubEnv('BENCH_WEB_NODE_OPTIONS', '--cpu-prof');
    vi.stubEnv('BENCH_IMPORT_NODE_OPTIONS', undefined);
    expect(nodeOptionsOf('WEB')).toEqual({ NODE_OPTIONS: '--cpu-prof' });
    expect(nodeOptionsOf('IMPORT')).toEqual({});
  });

  it('sets the API’s NODE_OPTIONS from its variable, over the shell’s own', () => {
    vi.stubEnv('NODE_OPTIONS', '--shell');
    vi.stubEnv('BENCH_API_NODE_OPTIONS', '--cpu-prof --cpu-prof-dir=/tmp/p');
    const env = apiServerEnv({ kind: 'postgres', url: 'postgres://x/y' }, 1);
    expect(env['NODE_OPTIONS']).toBe('--cpu-prof --cpu-prof-dir=/tmp/p');
  });
});
