import { formatCount, formatDate } from '../format.js';
import { SEVERITIES, type BySeverity, type Severity } from '../types.js';

/**
 * Hand-written SVG charts (no chart library): drawn at a fixed view box and scaled by CSS. Each has a
 * text alternative: a caption and the figures in a table for screen readers.
 */

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/** The top of the axis: four equal steps of 1, 2 or 5 times a power of ten that reach `value`. */
function niceMax(value: number): number {
  const rough = Math.max(1, value) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  return Math.max(1, Math.round(step)) * 4;
}

function ticks(max: number): number[] {
  return [0, 1, 2, 3, 4].map((i) => (max / 4) * i);
}

/** Open findings per severity over time: one line per severity. */
export function OpenTrendChart(props: { points: { at: number; open: BySeverity }[]; title: string }) {
  const { points } = props;
  const shown: Severity[] = SEVERITIES.filter((s) => points.some((p) => p.open[s] > 0));
  const max = niceMax(Math.max(1, ...points.flatMap((p) => shown.map((s) => p.open[s]))));
  const x = (i: number) =>
    PAD.left + (points.length <= 1 ? 0 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        {ticks(max).map((t) => (
          <g key={t}>
            <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text class="axis" x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % Math.max(1, Math.ceil(points.length / 6)) === 0 || i === points.length - 1 ? (
            <text key={p.at} class="axis" x={x(i)} y={H - 8} text-anchor="middle">
              {formatDate(p.at).slice(5)}
            </text>
          ) : null,
        )}
        {shown.map((s) => (
          <polyline
            key={s}
            class={`line sev-line-${s}`}
            points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.open[s]).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        <ul class="legend">
          {shown.map((s) => (
            <li key={s}>
              <span class={`swatch sev-bg-${s}`} aria-hidden="true" /> {s}
            </li>
          ))}
          {shown.length === 0 ? <li>no open findings in this period</li> : null}
        </ul>
      </figcaption>
      <table class="visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">week ending</th>
            {SEVERITIES.map((s) => (
              <th scope="col" key={s}>
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.at}>
              <th scope="row">{formatDate(p.at)}</th>
              {SEVERITIES.map((s) => (
                <td key={s}>{p.open[s]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** New and fixed findings per week: paired bars. */
export function NewFixedChart(props: {
  points: { at: number; new: number; fixed: number }[];
  title: string;
}) {
  const { points } = props;
  const max = niceMax(Math.max(1, ...points.flatMap((p) => [p.new, p.fixed])));
  const band = (W - PAD.left - PAD.right) / Math.max(1, points.length);
  const bar = Math.max(2, band * 0.35);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const base = y(0);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        {ticks(max).map((t) => (
          <g key={t}>
            <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text class="axis" x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const left = PAD.left + i * band + band * 0.12;
          return (
            <g key={p.at}>
              <rect class="bar-new" x={left} y={y(p.new)} width={bar} height={base - y(p.new)} />
              <rect class="bar-fixed" x={left + bar} y={y(p.fixed)} width={bar} height={base - y(p.fixed)} />
              {i % Math.max(1, Math.ceil(points.length / 6)) === 0 || i === points.length - 1 ? (
                <text class="axis" x={left + bar} y={H - 8} text-anchor="middle">
                  {formatDate(p.at).slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          <li>
            <span class="swatch bar-new-bg" aria-hidden="true" /> new
          </li>
          <li>
            <span class="swatch bar-fixed-bg" aria-hidden="true" /> fixed
          </li>
        </ul>
      </figcaption>
      <table class="visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">week ending</th>
            <th scope="col">new</th>
            <th scope="col">fixed</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.at}>
              <th scope="row">{formatDate(p.at)}</th>
              <td>{p.new}</td>
              <td>{p.fixed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Counts per severity as one horizontal stacked bar. */
export function SeverityBar({ counts }: { counts: BySeverity }) {
  const total = SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
  if (total === 0) return <span class="muted">none</span>;
  return (
    <span class="sevbar" aria-label={SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ')} role="img">
      {SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
        <span key={s} class={`sev-bg-${s}`} style={{ flexGrow: counts[s] }} />
      ))}
    </span>
  );
}
