export declare const COMPILE_CACHE_DIR: string;
export declare function enableApiCompileCache(): string | undefined;
