export declare const API_HEAP_GROWING_PERCENT: number;
export declare function heapGrowthFlag(execArgv: readonly string[]): string | null;
export declare function limitApiHeapGrowth(execArgv?: readonly string[]): string | null;
