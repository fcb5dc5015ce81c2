import { formatCost } from './formatCost';

/** A point of the plot. */
export interface PlotPoint {
  cost: number;
  /** Fraction in [0, 1]. */
  accuracy: number;
  /** Text written next to the point; default none. */
  label?: string;
}

/** One series: a front drawn as a line through its points, or single points. */
export interface PlotSeries {
  name: string;
  points: PlotPoint[];
  /** CSS colour. */
  color: string;
  /** Join the points with a line. Default false. */
  line?: boolean;
}

const WIDTH = 720;
const HEIGHT = 460;
const MARGIN = { left: 64, right: 24, top: 40, bottom: 56 };
const TICKS = 5;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Axis range padded by 5 % on each side (a flat range by `flat`), kept within [min, max]. */
function range(values: number[], flat: number, min: number, max: number): [number, number] {
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const pad = hi > lo ? (hi - lo) * 0.05 : flat;
  return [Math.max(min, lo - pad), Math.min(max, hi + pad)];
}

/**
 * A self-contained SVG scatter plot of accuracy (y, in %) against cost per problem (x): each
 * series in its colour, fronts as lines, a legend at the top. Plain SVG 1.1, no scripts.
 */
export function renderParetoSvg(series: PlotSeries[], title: string): string {
  const points = series.flatMap((s) => s.points);
  const [x0, x1] = range(points.length > 0 ? points.map((p) => p.cost) : [0, 1], 1, 0, Infinity);
  const [y0, y1] = range(points.length > 0 ? points.map((p) => p.accuracy * 100) : [0, 100], 5, 0, 100);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (cost: number) => MARGIN.left + ((cost - x0) / (x1 - x0)) * plotW;
  const y = (accuracy: number) => MARGIN.top + plotH - ((accuracy * 100 - y0) / (y1 - y0)) * plotH;
  const at = (p: PlotPoint) => `${x(p.cost).toFixed(1)},${y(p.accuracy).toFixed(1)}`;
  const body = [
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    ...axisTicks(x0, x1, y0, y1, x, (a) => y(a / 100), plotH),
    ...series.flatMap((s, i) => [
      s.line && s.points.length > 1 ? `<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${s.points.map(at).join(' ')}"/>` : '',
      ...s.points.map((p) => `<circle cx="${x(p.cost).toFixed(1)}" cy="${y(p.accuracy).toFixed(1)}" r="3.5" fill="${s.color}"/>`),
      ...s.points.filter((p) => p.label).map((p) => label(x(p.cost), y(p.accuracy), p.label!, s.color)),
      `<circle cx="${MARGIN.left + 10 + i * 220}" cy="${MARGIN.top - 14}" r="4" fill="${s.color}"/>`,
      `<text x="${MARGIN.left + 18 + i * 220}" y="${MARGIN.top - 10}" font-size="12">${escape(s.name)}</text>`,
    ]),
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 14}" font-size="12" text-anchor="middle">cost per problem</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle">accuracy (%)</text>`,
    `<text x="${WIDTH / 2}" y="16" font-size="13" text-anchor="middle">${escape(title)}</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    ...body.filter((line) => line !== ''),
    '</svg>',
    '',
  ].join('\n');
}

/** A point's label: right of the point, or left of it in the right third of the plot. */
function label(px: number, py: number, text: string, color: string): string {
  const left = px > MARGIN.left + ((WIDTH - MARGIN.left - MARGIN.right) * 2) / 3;
  const at = `x="${(left ? px - 6 : px + 6).toFixed(1)}" y="${(py - 6).toFixed(1)}"`;
  return `<text ${at} font-size="10" fill="${color}"${left ? ' text-anchor="end"' : ''}>${escape(text)}</text>`;
}

function axisTicks(x0: number, x1: number, y0: number, y1: number, x: (v: number) => number, y: (v: number) => number, plotH: number): string[] {
  const ticks = (lo: number, hi: number) => Array.from({ length: TICKS }, (_, i) => lo + ((hi - lo) * i) / (TICKS - 1));
  const bottom = MARGIN.top + plotH;
  return [
    ...ticks(x0, x1).map((v) => `<text x="${x(v).toFixed(1)}" y="${bottom + 16}" font-size="10" text-anchor="middle">${formatCost(v)}</text>`),
    ...ticks(y0, y1).map((v) => `<text x="${MARGIN.left - 6}" y="${(y(v) + 3).toFixed(1)}" font-size="10" text-anchor="end">${fixed(Math.round(v * 10) / 10)}</text>`),
  ];
}

