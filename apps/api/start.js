// The API's entry point. Node strips TypeScript's types with a WebAssembly
// module whose memory stays with the process once grown: about 20 MB of
// every API process's resident memory (docs/performance.md). With Node's
// compile cache on before the first .ts file is read, every start after
// the first reads the stripped code (and V8's bytecode) from the cache and
// never loads it. The cache is checked against each file's content; it
// never fails a start (compile-cache.js, docs/operations.md).
import { enableApiCompileCache } from './compile-cache.js';

enableApiCompileCache();
await import('./src/main.ts');
