// The dashboard's chart arithmetic (Sources/Dashboard/Assets/js/chart-maths.js), under `node --test`; run by
// DashboardChartMathsTests (IntegrationTests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatDuration, formatPercent, healthOf, linePath, niceScale, stackedBars, summarySentence, yOf,
} from '../../Sources/Dashboard/Assets/js/chart-maths.js';

const figures = (succeeded, failed, retrying = 0, pending = 0) => ({ deliveries: { succeeded, failed, retrying, pending } });

test('a scale covers its maximum in round steps from 0', () => {
  assert.deepEqual(niceScale(7), { top: 8, ticks: [0, 2, 4, 6, 8] });
  assert.deepEqual(niceScale(312), { top: 400, ticks: [0, 100, 200, 300, 400] });
  assert.deepEqual(niceScale(4200), { top: 6000, ticks: [0, 2000, 4000, 6000] });
  assert.deepEqual(niceScale(3), { top: 3, ticks: [0, 1, 2, 3] }); // counts never step by fractions
  assert.deepEqual(niceScale(0.3, 4, false), { top: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
  assert.deepEqual(niceScale(0), { top: 1, ticks: [0, 1] });
  for (const max of [1, 9, 10, 11, 99, 101, 12345]) {
    const { top, ticks } = niceScale(max);
    assert.ok(top >= max && ticks.length <= 7, `${max}: ${ticks}`);
  }
});

test('bars stack the outcomes from the bottom in slots of equal width', () => {
  const bars = stackedBars([figures(2, 1), figures(0, 0), figures(0, 0, 1, 3)], 300, 100, 4, 0.5);
  assert.equal(bars.length, 3);
  assert.deepEqual(bars.map((bar) => [bar.x, bar.width, bar.total]), [[25, 50, 3], [125, 50, 0], [225, 50, 4]]);
  assert.deepEqual(bars[0].segments, [
    { outcome: 'succeeded', count: 2, y: 50, height: 50 },
    { outcome: 'failed', count: 1, y: 25, height: 25 },
  ]);
  assert.deepEqual(bars[1].segments, []);
  assert.deepEqual(bars[2].segments.map((segment) => [segment.outcome, segment.y, segment.height]),
    [['retrying', 75, 25], ['pending', 0, 75]]);
  assert.equal(yOf(4, 4, 100), 0);
});

test('a line breaks where a bucket has no value, and a lone value still shows', () => {
  assert.equal(linePath([null, 10, 20, null, 5, null], 60, 50, 20), 'M15 25 L25 0 M45 37.5 h0.01');
  assert.equal(linePath([null, null], 60, 50, 20), '');
});

test('rates, durations and health read as people expect', () => {
  assert.equal(formatPercent(2 / 3), '66.7%');
  assert.equal(formatPercent(0.99996), '99.9%'); // one failure is never shown as 100%
  assert.equal(formatPercent(0.00001), '0.1%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatDuration(420), '420 ms');
  assert.equal(formatDuration(1530), '1.5 s');
  assert.equal(formatDuration(null), '—');
  assert.equal(healthOf(figures(0, 0)), 'none');
  assert.equal(healthOf(figures(0, 0, 0, 5)), 'none');
  assert.equal(healthOf(figures(0, 0, 2)), 'degraded');
  assert.equal(healthOf(figures(95, 5)), 'healthy');
  assert.equal(healthOf(figures(94, 6)), 'degraded');
  assert.equal(healthOf(figures(1, 2)), 'failing');
});

test('the summary says what the charts show', () => {
  assert.equal(summarySentence({ ...figures(0, 0), latencyMs: { p50: null, p95: null } }, 'last 24 hours'),
    'No deliveries in the last 24 hours.');
  assert.equal(summarySentence({ ...figures(308, 4), latencyMs: { p50: 80, p95: 420 } }, 'last 7 days'),
    '312 deliveries in the last 7 days, 98.7% succeeded (308 succeeded, 4 failed, 0 retrying, 0 pending); '
    + 'latency p50 80 ms, p95 420 ms.');
  assert.equal(summarySentence({ ...figures(0, 0, 0, 1), latencyMs: { p50: null, p95: null } }, 'last 24 hours'),
    '1 delivery in the last 24 hours, none settled yet (0 succeeded, 0 failed, 0 retrying, 1 pending).');
});
