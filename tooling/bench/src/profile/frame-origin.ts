import type { CallFrame } from './cpu-profile.ts';

export type OriginKind = 'ours' | 'dependency' | 'node' | 'engine';

/** Where a frame's code comes from, said without the machine's own paths. */
export interface FrameOrigin {
  readonly kind: OriginKind;
  /** The layer a summary adds up: a workspace package (`apps/api`), a dependency (`graphql`), `Node.js`, or `V8 and native`. */
  readonly layer: string;
  /** The file within that layer, with its line (1-based), or '' for native code. */
  readonly location: string;
}

const WORKSPACE = /\/((?:apps|packages|tooling)\/[^/]+)\/(.*)$/;

function dependencyOf(path: string): { name: string; file: string } {
  const [first = '', second = '', ...rest] = path.split('/');
  return first.startsWith('@')
    ? { name: `${first}/${second}`, file: rest.join('/') }
    : { name: first, file: [second, ...rest].join('/') };
}

/**
 * The origin of a frame from its script's URL: `node:` for Node's own
 * JavaScript, `…/node_modules/<name>/…` for a dependency (pnpm's store
 * nests them: the last `node_modules` names the package), the workspace's
 * `apps/`, `packages/` or `tooling/` for ours, and no URL for V8's
 * builtins and pseudo-frames (`(garbage collector)`, `(program)`).
 */
export function originOf(frame: CallFrame): FrameOrigin {
  const { url } = frame;
  const line = frame.lineNumber >= 0 ? `:${frame.lineNumber + 1}` : '';
  if (url === '') return { kind: 'engine', layer: 'V8 and native', location: '' };
  if (url.startsWith('node:')) return { kind: 'node', layer: 'Node.js', location: `${url}${line}` };
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const { name, file } = dependencyOf(path.slice(modules + '/node_modules/'.length));
    return { kind: 'dependency', layer: name, location: `${name}/${file}${line}` };
  }
  const workspace = WORKSPACE.exec(path);
  if (workspace !== null) {
    const [, layer = '', file = ''] = workspace;
    return { kind: 'ours', layer, location: `${layer}/${file}${line}` };
  }
  // Neither ours nor a dependency (an eval, a script outside the workspace): its file name only.
  return {
    kind: 'dependency',
    layer: 'other scripts',
    location: `${path.split('/').at(-1) ?? ''}${line}`,
  };
}

/** A frame as a reader names it: its function, or what V8 calls an unnamed one. */
export function frameName(frame: CallFrame): string {
  return frame.functionName === '' ? '(anonymous)' : frame.functionName;
}
