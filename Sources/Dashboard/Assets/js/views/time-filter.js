// The delivery log's time filter: any time, the last hour, 24 hours or 7 days, or since a chosen moment. In the URL
// a preset is `time=1h|24h|7d` (so a link keeps meaning "the last hour" when opened later) and a chosen moment is
// `since=` an RFC 3339 timestamp (and `until=` when a link carries one), passed to the API as they are: a malformed
// one is the API's to refuse, and the log shows its error.
import { el } from '../dom.js';

const presets = { '1h': 3600, '24h': 24 * 3600, '7d': 7 * 24 * 3600 };
const choices = [['', 'any time'], ['1h', 'last hour'], ['24h', 'last 24 hours'], ['7d', 'last 7 days'],
  ['custom', 'since…']];

/** The time filter in `query` (URLSearchParams): `{ time, since, until }`, `time` being `custom` for a `since`. */
export function readTimeFilter(query) {
  const since = query.get('since') || '';
  const time = query.get('time') || '';
  return { time: since ? 'custom' : (Object.hasOwn(presets, time) ? time : ''), since, until: query.get('until') || '' };
}

/** The API's `since` and `until` for `filter` at `now` (ms): a preset counts back from now. */
export function timeQuery(filter, now = Date.now()) {
  const query = {};
  if (Object.hasOwn(presets, filter.time)) query.since = new Date(now - presets[filter.time] * 1000).toISOString();
  else if (filter.since) query.since = filter.since;
  if (filter.until) query.until = filter.until;
  return query;
}

/** `date` as a `datetime-local` value (local time, to the minute), or '' for an invalid one. */
function localValue(text) {
  const date = new Date(text);
  if (!text || Number.isNaN(date.getTime())) return '';
  const pad = (value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The time select and its `datetime-local` (shown for "since…"), and `entries()`, the URL query's entries they
 * stand for. The URL's `until` is kept as it came.
 */
export function timeFields(filter) {
  const select = el('select', { name: 'time', id: 'delivery-time' },
    choices.map(([value, text]) => el('option', { value, selected: value === filter.time }, text)));
  const since = el('input', { type: 'datetime-local', name: 'since', id: 'delivery-since', value: localValue(filter.since) });
  const sinceLabel = el('label', { class: 'since' }, 'Since', since);
  const sync = () => {
    sinceLabel.hidden = select.value !== 'custom';
    since.required = select.value === 'custom';
  };
  select.addEventListener('change', sync);
  sync();
  return {
    element: el('span', { class: 'time-filter' }, el('label', {}, 'Time', select), sinceLabel),
    entries() {
      const entries = [];
      if (select.value === 'custom') {
        const date = new Date(since.value);
        // An unchanged field keeps the URL's own text (even one the API refuses, so its error stays visible).
        if (since.value === localValue(filter.since)) entries.push(['since', filter.since]);
        else entries.push(['since', Number.isNaN(date.getTime()) ? since.value : date.toISOString()]);
      } else if (select.value) {
        entries.push(['time', select.value]);
      }
      if (filter.until) entries.push(['until', filter.until]);
      return entries;
    },
  };
}
