/**
 * V8's CPU profile (`node --cpu-prof`, a `.cpuprofile` file), read into a
 * call tree whose every frame knows its own samples and its callees'.
 */

export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  /** 0-based, as V8 writes it; -1 when unknown. */
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly hitCount: number;
  readonly children: readonly number[];
}

/** The parts of a `.cpuprofile` the flame graph reads. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds, as V8 writes them. */
  readonly startTime: number;
  readonly endTime: number;
  /** The node running at each sample, and the microseconds since the sample before. */
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface CallTree {
  readonly frame: CallFrame;
  /** Samples taken in this frame itself. */
  readonly self: number;
  /** Samples in this frame and everything it called. */
  readonly total: number;
  /** Heaviest first, then by name: the graph's order, stable from run to run. */
  readonly children: readonly CallTree[];
}

/** V8's pseudo-frame for the time the thread had nothing to run. */
export const IDLE = '(idle)';

export class NotACpuProfile extends Error {
  constructor(reason: string) {
    super(`Not a V8 CPU profile (.cpuprofile): ${reason}.`);
    this.name = 'NotACpuProfile';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function nodeOf(value: unknown, index: number): ProfileNode {
  if (!isRecord(value) || !isRecord(value['callFrame']) || typeof value['id'] !== 'number')
    throw new NotACpuProfile(`node ${index} has no id or call frame`);
  const frame = value['callFrame'];
  const children = value['children'] ?? [];
  if (!Array.isArray(children) || !children.every((child) => typeof child === 'number'))
    throw new NotACpuProfile(`node ${value['id']} has children that are not node ids`);
  return {
    id: value['id'],
    callFrame: {
      functionName: typeof frame['functionName'] === 'string' ? frame['functionName'] : '',
      url: typeof frame['url'] === 'string' ? frame['url'] : '',
      lineNumber: typeof frame['lineNumber'] === 'number' ? frame['lineNumber'] : -1,
    },
    hitCount: typeof value['hitCount'] === 'number' ? value['hitCount'] : 0,
    children,
  };
}

/** A parsed `.cpuprofile`, checked enough that the tree below cannot loop or miss a node. */
export function readCpuProfile(json: unknown): CpuProfile {
  if (!isRecord(json) || !Array.isArray(json['nodes']) || json['nodes'].length === 0)
    throw new NotACpuProfile('no nodes');
  const nodes = json['nodes'].map(nodeOf);
  const startTime = typeof json['startTime'] === 'number' ? json['startTime'] : 0;
  const endTime = typeof json['endTime'] === 'number' ? json['endTime'] : startTime;
  const samples = numbers(json['samples']);
  const timeDeltas = numbers(json['timeDeltas']);
  if (samples.length !== timeDeltas.length)
    throw new NotACpuProfile('as many samples as time deltas are expected');
  return { nodes, startTime, endTime, samples, timeDeltas };
}

function numbers(value: unknown): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number'))
    throw new NotACpuProfile('samples and time deltas are lists of numbers');
  return value;
}

/**
 * The profile of a span of its time only, in seconds from its start: a
 * server's profile begins with its start-up (loading modules), which says
 * nothing of what a request costs. Each frame's hits are counted again from
 * the samples taken in `[from, to)`.
 */
export function profileWindow(profile: CpuProfile, from: number, to = Infinity): CpuProfile {
  const start = profile.startTime + from * 1e6;
  const end = profile.startTime + to * 1e6;
  const hits = new Map<number, number>();
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime;
  let previous = start;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < start || at >= end) return;
    hits.set(id, (hits.get(id) ?? 0) + 1);
    samples.push(id);
    timeDeltas.push(at - previous);
    previous = at;
  });
  return {
    nodes: profile.nodes.map((node) => ({ ...node, hitCount: hits.get(node.id) ?? 0 })),
    startTime: start,
    endTime: Math.max(start, Math.min(profile.endTime, end)),
    samples,
    timeDeltas,
  };
}

const frameKey = (frame: CallFrame) =>
  `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}`;

function byWeightThenName(a: CallTree, b: CallTree): number {
  return b.total - a.total || frameKey(a.frame).localeCompare(frameKey(b.frame));
}

interface Building {
  readonly frame: CallFrame;
  self: number;
  readonly children: Map<string, Building>;
}

function finish(node: Building): CallTree {
  const children = [...node.children.values()]
    .map(finish)
    .filter((child) => child.total > 0)
    .sort(byWeightThenName);
  const total = node.self + children.reduce((sum, child) => sum + child.total, 0);
  return { frame: node.frame, self: node.self, total, children };
}

/**
 * The call tree of a profile, the first node as its root. V8 may list the
 * same function twice under one caller (after a deoptimisation, say): such
 * siblings are merged, as a reader of the graph would expect. `(idle)` is
 * left out unless asked for: the graph shows where busy time goes.
 */
export function callTree(profile: CpuProfile, options: { keepIdle?: boolean } = {}): CallTree {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const visited = new Set<number>();
  const build = (node: ProfileNode, into: Building): void => {
    if (visited.has(node.id)) throw new NotACpuProfile(`node ${node.id} is reached twice`);
    visited.add(node.id);
    into.self += node.hitCount;
    for (const childId of node.children) {
      const child = byId.get(childId);
      if (child === undefined) throw new NotACpuProfile(`node ${childId} is missing`);
      if (!options.keepIdle && child.callFrame.functionName === IDLE) {
        visited.add(child.id);
        continue;
      }
      const key = frameKey(child.callFrame);
      let merged = into.children.get(key);
      if (merged === undefined) {
        merged = { frame: child.callFrame, self: 0, children: new Map() };
        into.children.set(key, merged);
      }
      build(child, merged);
    }
  };
  const [first] = profile.nodes;
  if (first === undefined) throw new NotACpuProfile('no nodes');
  const root: Building = { frame: first.callFrame, self: 0, children: new Map() };
  build(first, root);
  return finish(root);
}

/** Samples of the `(idle)` frames: the thread's time with nothing to run. */
export function idleSamples(profile: CpuProfile): number {
  return profile.nodes
    .filter((node) => node.callFrame.functionName === IDLE)
    .reduce((sum, node) => sum + node.hitCount, 0);
}
