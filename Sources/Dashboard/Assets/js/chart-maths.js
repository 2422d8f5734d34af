// The charts' arithmetic, without the DOM (so `node --test` checks it): scale ticks, stacked bar geometry, line paths,
// and the words and health states the dashboard shows for the statistics routes' figures.

/** The outcomes of a delivery in the order they stack, bottom first (openapi.yaml, `DeliveryFigures`). */
export const outcomes = ['succeeded', 'failed', 'retrying', 'pending'];

/**
 * A scale from 0 covering `max` with about `count` round steps (1, 2 or 5 times a power of ten; whole numbers when
 * `integer`): `{ top, ticks }`, `ticks` from 0 to `top` included. A scale of nothing (max <= 0) runs from 0 to 1.
 */
export function niceScale(max, count = 4, integer = true) {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough);
  if (integer) step = Math.max(1, Math.ceil(step));
  const steps = Math.ceil(max / step);
  const ticks = Array.from({ length: steps + 1 }, (_, index) => roundTo(index * step, step));
  return { top: ticks[ticks.length - 1], ticks };
}

function roundTo(value, step) {
  // 0.1 * 3 is 0.30000000000000004: keep as many decimals as the step has.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(value.toFixed(decimals));
}

/** The y of `value` on a scale from 0 (at `height`) to `top` (at 0). */
export function yOf(value, top, height) {
  return height - (height * value) / top;
}

/**
 * The stacked bars of `buckets` (the route's buckets, each with `deliveries` by outcome) in a plot of `width` by
 * `height`: one `{ index, x, width, total, segments }` per bucket, each segment `{ outcome, count, y, height }` from
 * the bottom up (empty outcomes left out), on the scale `top`. Bars are a fraction `fill` of their slot, centred.
 */
export function stackedBars(buckets, width, height, top, fill = 0.7) {
  const slot = buckets.length > 0 ? width / buckets.length : 0;
  const barWidth = slot * fill;
  return buckets.map((bucket, index) => {
    let base = 0;
    const segments = [];
    for (const outcome of outcomes) {
      const count = bucket.deliveries[outcome] || 0;
      if (count === 0) continue;
      const y = yOf(base + count, top, height);
      segments.push({ outcome, count, y, height: yOf(base, top, height) - y });
      base += count;
    }
    return { index, x: index * slot + (slot - barWidth) / 2, width: barWidth, total: base, segments };
  });
}

/** The x of the centre of slot `index` of `count` over `width`. */
export function slotCentre(index, count, width) {
  return (index + 0.5) * (width / count);
}

/**
 * An SVG path through `values` (one per slot, `null` where there is none) over `width` by `height` on the scale
 * `top`: a gap where a value is missing, a lone point drawn as a dot-sized segment. Empty string when none.
 */
export function linePath(values, width, height, top) {
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null || value === undefined) {
      drawing = false;
      return;
    }
    const x = round(slotCentre(index, values.length, width));
    const y = round(yOf(value, top, height));
    const next = values[index + 1];
    const alone = !drawing && (next === null || next === undefined);
    path += `${path ? ' ' : ''}${drawing ? 'L' : 'M'}${x} ${y}${alone ? ' h0.01' : ''}`;
    drawing = true;
  });
  return path;
}

function round(value) {
  return Math.round(value * 100) / 100;
}

/** How many deliveries `figures.deliveries` holds, whatever their outcome. */
export function deliveryCount(figures) {
  return outcomes.reduce((sum, outcome) => sum + (figures.deliveries[outcome] || 0), 0);
}

/** A rate from 0 to 1 as a percentage with at most one decimal, never rounded up to 100% or down to 0%. */
export function formatPercent(rate) {
  let percent = Math.round(rate * 1000) / 10;
  if (rate < 1 && percent >= 100) percent = 99.9;
  if (rate > 0 && percent <= 0) percent = 0.1;
  return `${percent}%`;
}

/** A duration in milliseconds for people: `420 ms`, `1.5 s`. */
export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/**
 * A webhook's health from its window's figures (the batch route's entry): `none` without deliveries that settled
 * or retry, `failing` below 50% success, `degraded` below 95% or when only retries are known, `healthy` otherwise.
 */
export function healthOf(figures) {
  const { succeeded = 0, failed = 0, retrying = 0 } = figures.deliveries;
  if (succeeded + failed === 0) return retrying > 0 ? 'degraded' : 'none';
  const rate = succeeded / (succeeded + failed);
  if (rate < 0.5) return 'failing';
  if (rate < 0.95) return 'degraded';
  return 'healthy';
}

/** The words for `healthOf`'s states. */
export const healthLabels = { healthy: 'healthy', degraded: 'degraded', failing: 'failing', none: 'no traffic' };

/** One sentence saying what the charts show, for screen readers and people who would rather read. */
export function summarySentence(totals, windowLabel) {
  const count = deliveryCount(totals);
  if (count === 0) return `No deliveries in the ${windowLabel}.`;
  const { succeeded, failed, retrying, pending } = totals.deliveries;
  const parts = [`${count} ${count === 1 ? 'delivery' : 'deliveries'} in the ${windowLabel}`];
  parts.push(succeeded + failed > 0 ? `${formatPercent(succeeded / (succeeded + failed))} succeeded` : 'none settled yet');
  const details = [`${succeeded} succeeded`, `${failed} failed`, `${retrying} retrying`, `${pending} pending`];
  let sentence = `${parts.join(', ')} (${details.join(', ')})`;
  if (totals.latencyMs && totals.latencyMs.p95 !== null && totals.latencyMs.p95 !== undefined) {
    sentence += `; latency p50 ${formatDuration(totals.latencyMs.p50)}, p95 ${formatDuration(totals.latencyMs.p95)}`;
  }
  return `${sentence}.`;
}

/** The label under bucket `index` of a window, or '' between labels: every 6th hour for 24h, every day for 7d. */
export function axisLabel(start, index, bucketSeconds) {
  const date = new Date(start);
  const perLabel = bucketSeconds >= 6 * 3600 ? 4 : 6;
  if (index % perLabel !== 0) return '';
  const hours = String(date.getHours()).padStart(2, '0');
  const minutes = String(date.getMinutes()).padStart(2, '0');
  if (bucketSeconds >= 6 * 3600) return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${date.getDate()}`;
  return `${hours}:${minutes}`;
}
