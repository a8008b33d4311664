// Inline SVG charts for the printed reports: no script, no external file, prints as vector graphics
// in the browser and in the PDF. Text is escaped; the result is safe markup for a template.
import Handlebars from 'handlebars';

export interface ChartPoint {
  label: string;
  /** null: no value for the point (drawn as a dash). */
  value: number | null;
  /** Drawn in the warning colour (e.g. a missed target). */
  bad?: boolean | undefined;
}

export interface BarChartOptions {
  /** Accessible name of the chart (aria-label). */
  title: string;
  /** Unit after values in labels and tooltips, e.g. '%'. */
  unit?: string | undefined;
  /** Axis range; by default 0 … the largest value (percent charts: pass max 100). */
  min?: number | undefined;
  max?: number | undefined;
  /** A dashed target line, e.g. 99.5 (%). */
  target?: number | null | undefined;
  targetLabel?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

const esc = Handlebars.escapeExpression;
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** A bar chart of the points with an optional dashed target line. */
export function barChartSvg(points: ChartPoint[], options: BarChartOptions): string {
  const w = options.width ?? 640; const h = options.height ?? 220;
  const left = 44; const bottom = 36; const top = 14; const right = 8;
  const plotH = h - bottom - top;
  const known = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = options.max ?? Math.max(1, ...known, options.target ?? 0);
  const min = options.min ?? 0;
  const span = max - min || 1;
  const y = (v: number) => top + plotH * (1 - (Math.min(max, Math.max(min, v)) - min) / span);
  const slot = (w - left - right) / Math.max(1, points.length);
  const unit = options.unit ?? '';
  const bars = points.map((p, i) => {
    const x = left + i * slot + slot * 0.15;
    const cx = (x + slot * 0.35).toFixed(1);
    const label = `<text x="${cx}" y="${h - bottom + 14}" font-size="9" text-anchor="middle">${esc(p.label)}</text>`;
    if (p.value === null) return `${label}<text x="${cx}" y="${(top + plotH - 4).toFixed(1)}" font-size="9" text-anchor="middle">–</text>`;
    const fill = p.bad ? '#c0392b' : '#2e7d32';
    // The value is printed above its bar, so a zero (no bar at all) still reads as a value, not a gap.
    const value = `<text x="${cx}" y="${(y(p.value) - 3).toFixed(1)}" font-size="9" text-anchor="middle" fill="${fill}">${fmt(p.value)}${esc(unit)}</text>`;
    return `<rect x="${x.toFixed(1)}" y="${y(p.value).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(top + plotH - y(p.value)).toFixed(1)}" fill="${fill}"><title>${esc(p.label)}: ${fmt(p.value)}${esc(unit)}</title></rect>${value}${label}`;
  }).join('');
  const target = options.target === null || options.target === undefined ? ''
    : `<line x1="${left}" x2="${w - right}" y1="${y(options.target).toFixed(1)}" y2="${y(options.target).toFixed(1)}" stroke="#1565c0" stroke-dasharray="6 4" stroke-width="1.5"/>`
      + `<text x="${w - right - 2}" y="${(y(options.target) - 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#1565c0">${esc(options.targetLabel ?? 'Target')} ${fmt(options.target)}${esc(unit)}</text>`;
  const axis = [min, (min + max) / 2, max].map((v) => `<text x="${left - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="9" text-anchor="end">${fmt(v)}${esc(unit)}</text>`
    + `<line x1="${left}" x2="${w - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(options.title)}">${axis}${bars}${target}</svg>`;
}
