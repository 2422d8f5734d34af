// The delivery log's time filter (Sources/Dashboard/Assets/js/views/time-filter.js): what the URL holds and what
// the API is asked, under `node --test`; run by DashboardChartMathsTests (IntegrationTests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTimeFilter, timeQuery } from '../../Sources/Dashboard/Assets/js/views/time-filter.js';

const read = (search) => readTimeFilter(new URLSearchParams(search));
const now = Date.parse('2026-12-06T12:00:00.000Z');

test('a preset counts back from now, a chosen moment passes as written', () => {
  assert.deepEqual(read(''), { time: '', since: '', until: '' });
  assert.deepEqual(timeQuery(read(''), now), {});
  assert.deepEqual(timeQuery(read('time=1h'), now), { since: '2026-12-06T11:00:00.000Z' });
  assert.deepEqual(timeQuery(read('time=24h'), now), { since: '2026-12-05T12:00:00.000Z' });
  assert.deepEqual(timeQuery(read('time=7d'), now), { since: '2026-11-29T12:00:00.000Z' });
  assert.deepEqual(read('since=2026-12-01T00:00:00Z'), { time: 'custom', since: '2026-12-01T00:00:00Z', until: '' });
  // A malformed moment goes to the API as it is: its 400 names the parameter and the page shows it.
  assert.deepEqual(timeQuery(read('since=yesterday&until=x'), now), { since: 'yesterday', until: 'x' });
  assert.deepEqual(timeQuery(read('time=24h&since=2026-12-01T00:00:00Z'), now), { since: '2026-12-01T00:00:00Z' });
});

test('an unknown preset is no filter, even a name every object has', () => {
  for (const time of ['2h', 'constructor', 'toString', '__proto__']) {
    assert.equal(read(`time=${time}`).time, '', time);
    assert.deepEqual(timeQuery({ time, since: '', until: '' }, now), {}, time);
  }
});
