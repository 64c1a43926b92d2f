// The API's entry point. Node strips TypeScript's types with a WebAssembly
// module whose memory stays with the process once grown: about 20 MB of
// every API process's resident memory (docs/performance.md). With Node's
// compile cache on before the first .ts file is read, every start after
// the first reads the stripped code (and V8's bytecode) from the cache and
// never loads it. The cache is Node's own: checked against each file's
// content, in the system's temporary folder unless NODE_COMPILE_CACHE names
// another, off with NODE_DISABLE_COMPILE_CACHE=1; it never fails a start.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./src/main.ts');
