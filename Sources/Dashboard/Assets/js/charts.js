// SVG charts drawn with createElementNS: no library, no markup parsed, no style attributes (the CSP forbids them);
// colours come from classes in app.css. The arithmetic is in chart-maths.js.
import { axisLabel, formatDuration, linePath, niceScale, outcomes, slotCentre, stackedBars, yOf } from './chart-maths.js';

const ns = 'http://www.w3.org/2000/svg';
// The drawing's coordinates (the SVG scales to its box): the plot, and room for the axes' labels around it.
const size = { width: 720, height: 200, left: 62, right: 12, top: 10, bottom: 28 };

/** An SVG element with `attributes` (presentation attributes and classes only) and `children`. */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(ns, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function frame(id, label) {
  return svg('svg', {
    id, class: 'chart', viewBox: `0 0 ${size.width} ${size.height}`, role: 'img', 'aria-label': label,
    preserveAspectRatio: 'xMidYMid meet',
  });
}

/** The y axis (ticks, their labels formatted by `format`, grid lines) and the x axis's labels under the buckets. */
function axes(scale, plotWidth, plotHeight, buckets, bucketSeconds, format, yTitle) {
  const group = svg('g', { class: 'axes' });
  for (const tick of scale.ticks) {
    const y = yOf(tick, scale.top, plotHeight);
    group.append(
      svg('line', { class: 'grid', x1: 0, x2: plotWidth, y1: y, y2: y }),
      svg('text', { class: 'tick', x: -6, y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, format(tick)));
  }
  buckets.forEach((bucket, index) => {
    const label = axisLabel(bucket.start, index, bucketSeconds);
    if (!label) return;
    group.append(svg('text', {
      class: 'tick', x: slotCentre(index, buckets.length, plotWidth), y: plotHeight + 18, 'text-anchor': 'middle',
    }, label));
  });
  group.append(
    svg('line', { class: 'axis', x1: 0, x2: plotWidth, y1: plotHeight, y2: plotHeight }),
    svg('text', {
      class: 'axis-title', x: 0, y: 0, 'text-anchor': 'middle', 'dominant-baseline': 'hanging',
      transform: `translate(${-size.left + 2} ${plotHeight / 2}) rotate(-90)`,
    }, yTitle));
  return group;
}

/** When a bucket runs, for its tooltip: `Mon 12 13:00–14:00`. */
function period(bucket, bucketSeconds) {
  const start = new Date(bucket.start);
  const end = new Date(start.getTime() + bucketSeconds * 1000);
  const time = (date) => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `${start.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })} ${time(start)}–${time(end)}`;
}

/** Deliveries by outcome, a stacked bar per bucket, each bar's `<title>` giving its counts. */
export function outcomeChart(statistics) {
  const plotWidth = size.width - size.left - size.right;
  const plotHeight = size.height - size.top - size.bottom;
  const { buckets, bucketSeconds } = statistics;
  const max = Math.max(0, ...buckets.map((bucket) => outcomes.reduce((sum, key) => sum + bucket.deliveries[key], 0)));
  const scale = niceScale(max);
  const chart = frame('outcome-chart', 'Deliveries by outcome');
  const plot = svg('g', { transform: `translate(${size.left} ${size.top})` },
    axes(scale, plotWidth, plotHeight, buckets, bucketSeconds, String, 'deliveries'));
  for (const bar of stackedBars(buckets, plotWidth, plotHeight, scale.top)) {
    const bucket = buckets[bar.index];
    const counts = outcomes.map((outcome) => `${bucket.deliveries[outcome]} ${outcome}`).join(', ');
    plot.append(svg('g', { class: 'bar', 'data-total': bar.total },
      svg('title', {}, `${period(bucket, bucketSeconds)}: ${counts}`),
      // The whole slot's height answers the pointer, so an empty or thin bar has its tooltip too.
      svg('rect', { class: 'hit', x: bar.x, y: 0, width: bar.width, height: plotHeight }),
      bar.segments.map((segment) => svg('rect', {
        class: `segment outcome-${segment.outcome}`, x: bar.x, y: segment.y, width: bar.width, height: segment.height,
      }))));
  }
  chart.append(plot);
  return chart;
}

/** The attempts' latency, p50 and p95 per bucket, as lines with a point per bucket titled with its figures. */
export function latencyChart(statistics) {
  const plotWidth = size.width - size.left - size.right;
  const plotHeight = size.height - size.top - size.bottom;
  const { buckets, bucketSeconds } = statistics;
  const p50 = buckets.map((bucket) => bucket.latencyMs.p50);
  const p95 = buckets.map((bucket) => bucket.latencyMs.p95);
  const scale = niceScale(Math.max(0, ...p95.filter((value) => value !== null)));
  const chart = frame('latency-chart', 'Attempt latency, p50 and p95');
  const plot = svg('g', { transform: `translate(${size.left} ${size.top})` },
    axes(scale, plotWidth, plotHeight, buckets, bucketSeconds, formatDuration, 'latency'),
    svg('path', { class: 'line latency-p95', d: linePath(p95, plotWidth, plotHeight, scale.top), fill: 'none' }),
    svg('path', { class: 'line latency-p50', d: linePath(p50, plotWidth, plotHeight, scale.top), fill: 'none' }));
  buckets.forEach((bucket, index) => {
    if (bucket.latencyMs.p95 === null) return;
    const x = slotCentre(index, buckets.length, plotWidth);
    const { p50: median, p95: tail, max } = bucket.latencyMs;
    plot.append(svg('g', { class: 'point' },
      svg('title', {}, `${period(bucket, bucketSeconds)}: ${bucket.attempts} attempts, p50 ${formatDuration(median)}, `
        + `p95 ${formatDuration(tail)}, max ${formatDuration(max)}`),
      svg('circle', { class: 'latency-p95', cx: x, cy: yOf(tail, scale.top, plotHeight), r: 3.5 }),
      svg('circle', { class: 'latency-p50', cx: x, cy: yOf(median, scale.top, plotHeight), r: 3.5 })));
  });
  chart.append(plot);
  return chart;
}
