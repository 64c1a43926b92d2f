import type { ViteUserConfig } from 'vitest/config';

export declare const testDefaults: NonNullable<ViteUserConfig['test']>;
