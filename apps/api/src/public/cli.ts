// Entry point `@rattrapage/api/cli`: how the exam office's commands are started (the bench starts them the same way).
export { COMPILE_CACHE_DIR } from '../../compile-cache.js';
export { COMMANDS, commandProcess } from '../cli-commands.ts';
