import type { CallTree } from './cpu-profile.ts';
import { frameName, originOf } from './frame-origin.ts';

export interface Share {
  readonly name: string;
  readonly samples: number;
}

function walk(tree: CallTree, visit: (node: CallTree) => void): void {
  visit(tree);
  for (const child of tree.children) walk(child, visit);
}

function sortedShares(byName: Map<string, number>): Share[] {
  return [...byName]
    .filter(([, samples]) => samples > 0)
    .map(([name, samples]) => ({ name, samples }))
    .sort((a, b) => b.samples - a.samples || a.name.localeCompare(b.name));
}

/**
 * Samples spent in each layer's own code (a workspace package, a
 * dependency, Node.js, V8): the question « which layer costs what », each
 * sample counted once, in the frame that was running.
 */
export function selfByLayer(tree: CallTree): Share[] {
  const byLayer = new Map<string, number>();
  walk(tree, (node) => {
    const { layer } = originOf(node.frame);
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + node.self);
  });
  return sortedShares(byLayer);
}

/** The functions that ran the most themselves, wherever they were called from. */
export function topSelf(tree: CallTree, count: number): Share[] {
  const byFunction = new Map<string, number>();
  walk(tree, (node) => {
    const origin = originOf(node.frame);
    const name = `${frameName(node.frame)} (${origin.location === '' ? origin.layer : origin.location})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.self);
  });
  return sortedShares(byFunction).slice(0, count);
}

/** A summary to paste in a document: shares of the busy samples, one table per question. */
export function summaryMarkdown(tree: CallTree, topCount = 15): string {
  const row = (share: Share) =>
    `| ${share.name.replace(/\|/g, '\\|')} | ${((share.samples / tree.total) * 100).toFixed(1)} % |`;
  // Layers under a thousandth are summed: a server loads dozens of packages that barely run.
  const layers = selfByLayer(tree);
  const shown = layers.filter((layer) => layer.samples / tree.total >= 0.001);
  const rest = layers.slice(shown.length);
  const others = rest.reduce((sum, layer) => sum + layer.samples, 0);
  return [
    `${tree.total} busy samples.`,
    '',
    '| layer (its own code) | share |',
    '| --- | --- |',
    ...shown.map(row),
    ...(rest.length === 0 ? [] : [row({ name: `${rest.length} other layers`, samples: others })]),
    '',
    '| function (itself) | share |',
    '| --- | --- |',
    ...topSelf(tree, topCount).map(row),
    '',
  ].join('\n');
}
