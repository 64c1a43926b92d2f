import { type CallTree, type CpuProfile, idleSamples } from './cpu-profile.ts';
import { type OriginKind, frameName, originOf } from './frame-origin.ts';

/** One drawn frame: where it sits, and what it stands for. */
export interface FlameBox {
  readonly tree: CallTree;
  /** Left edge and width as fractions of the whole (the root is 0 and 1). */
  readonly x: number;
  readonly width: number;
  /** 0 for the root, then one more per call. */
  readonly depth: number;
}

/**
 * The frames of a flame graph: each as wide as its share of the samples,
 * its callees side by side on top of it, heaviest on the left. Frames
 * narrower than `minWidth` (a fraction of the whole) are left out with
 * everything above them: too thin to read, and a profile has thousands.
 */
export function flameLayout(tree: CallTree, minWidth: number): FlameBox[] {
  const boxes: FlameBox[] = [];
  if (tree.total === 0) return boxes;
  const place = (node: CallTree, x: number, depth: number): void => {
    const width = node.total / tree.total;
    if (width < minWidth) return;
    boxes.push({ tree: node, x, width, depth });
    let left = x;
    for (const child of node.children) {
      place(child, left, depth + 1);
      left += child.total / tree.total;
    }
  };
  place(tree, 0, 0);
  return boxes;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Anything outside XML 1.0's `Char` production (lone surrogates are made whole first). */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Text safe inside an SVG element or attribute: the profile's names come
 * from whatever code ran (a function may be named anything, even by eval),
 * and XML 1.0 has no way to write most control characters at all.
 */
export function escapeXml(text: string): string {
  return text
    .toWellFormed()
    .replace(NOT_XML_CHARACTER, '\ufffd')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

const HUES: Record<OriginKind, number> = { ours: 150, dependency: 30, node: 210, engine: 0 };
const KIND_NAMES: Record<OriginKind, string> = {
  ours: 'our code',
  dependency: 'dependencies',
  node: 'Node.js',
  engine: 'V8 and native',
};

/** A steady colour per function: its kind's hue, a lightness from its name, so neighbours differ. */
function colourOf(kind: OriginKind, name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i += 1) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  const lightness = 62 + (hash % 18);
  return kind === 'engine'
    ? `hsl(0 0% ${lightness}%)`
    : `hsl(${HUES[kind]} ${55 + (hash % 20)}% ${lightness}%)`;
}

export interface FlameGraphOptions {
  readonly title: string;
  /** A line under the title: what was measured, and how long. */
  readonly subtitle: string;
  readonly width?: number;
  /** Frames narrower than this share of the whole are not drawn (0.001 = 0.1 %). */
  readonly minWidth?: number;
}

const ROW = 17;
const FONT = 11;
/** The width of a character of the monospaced font, for cutting labels to their frame. */
const CHAR = FONT * 0.6;
const TOP = 62;

function label(text: string, pixels: number): string {
  const fits = Math.floor((pixels - 6) / CHAR);
  if (fits < 3) return '';
  return text.length <= fits ? text : `${text.slice(0, fits - 1)}…`;
}

const percentOf = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;

/**
 * A flame graph of a call tree as a standalone SVG (no script, readable
 * wherever an image is): the root at the bottom, each frame's name, layer,
 * file and share in its tooltip, coloured by where its code comes from.
 */
export function flameGraphSvg(tree: CallTree, options: FlameGraphOptions): string {
  const width = options.width ?? 1200;
  const boxes = flameLayout(tree, options.minWidth ?? 0.001);
  const depth = boxes.reduce((deepest, box) => Math.max(deepest, box.depth), 0);
  const height = TOP + (depth + 1) * ROW + 8;
  const frames = boxes.map((box) => {
    const origin = originOf(box.tree.frame);
    const name = frameName(box.tree.frame);
    const x = box.x * width;
    const w = box.width * width;
    const y = height - 8 - (box.depth + 1) * ROW;
    const where = origin.location === '' ? origin.layer : `${origin.layer} — ${origin.location}`;
    const tooltip = `${name} (${where}): ${percentOf(box.tree.total, tree.total)} in all, ${percentOf(box.tree.self, tree.total)} itself, ${box.tree.total} samples`;
    const text = label(name, w);
    return [
      `<g><title>${escapeXml(tooltip)}</title>`,
      `<rect x="${x.toFixed(2)}" y="${y}" width="${Math.max(w - 0.5, 0.5).toFixed(2)}" height="${ROW - 1}" fill="${colourOf(origin.kind, name)}"/>`,
      text === ''
        ? ''
        : `<text x="${(x + 3).toFixed(2)}" y="${y + ROW - 5}">${escapeXml(text)}</text>`,
      '</g>',
    ].join('');
  });
  const legend = (Object.keys(KIND_NAMES) as OriginKind[]).map((kind, i) => {
    const x = 10 + i * 170;
    return `<rect x="${x}" y="40" width="14" height="12" fill="${colourOf(kind, KIND_NAMES[kind])}"/><text x="${x + 20}" y="50">${KIND_NAMES[kind]}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="${FONT}">`,
    `<rect width="100%" height="100%" fill="#fdfdfb"/>`,
    `<text x="10" y="18" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<text x="10" y="34">${escapeXml(options.subtitle)}</text>`,
    ...legend,
    ...frames,
    '</svg>',
    '',
  ].join('\n');
}

/** What the graph measured, under its title: the busy samples and the thread's time. */
export function subtitleOf(profile: CpuProfile, busy: number, minWidth: number): string {
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const idle = idleSamples(profile);
  const busyShare = busy + idle === 0 ? 0 : (busy / (busy + idle)) * 100;
  return `${busy} busy samples (${busyShare.toFixed(0)} % of ${seconds.toFixed(1)} s sampled); frames under ${(minWidth * 100).toFixed(1)} % of them not drawn`;
}
