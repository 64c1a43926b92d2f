import type { Linter } from 'eslint';

export const ignores: Linter.Config;
export function baseConfig(options: { tsconfigRootDir: string }): Linter.Config[];
export const crossPackageImports: readonly object[];
export const pureDomainRules: Linter.Config;
export const apiLayerRules: Linter.Config[];
export const untypedLinting: Linter.Config;
