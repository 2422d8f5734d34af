// The event catalogue at /dashboard/catalogue, from the public `GET /api/v1/event-types`: each type with its
// description, aliases, JSON schema and example, the example shown as each payload format sends it. All as text.
import { api } from '../api.js';
import { el, show } from '../dom.js';

const pretty = (value) => JSON.stringify(value, null, 2);

/** The catalogue view. */
export async function catalogueView(container) {
  const { eventTypes } = await api.eventTypes();
  show(container,
    el('h1', {}, 'Event catalogue'),
    el('p', { class: 'muted' }, `${eventTypes.length} event types a webhook can subscribe to. Each delivery's body `
      + 'depends on the webhook\'s payload format; pick one to see the example as its receivers get it.'),
    el('div', { id: 'catalogue' }, eventTypes.map(entry)));
}

function anchor(name) {
  return `event-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function entry(type) {
  const formats = Object.entries(type.formats || {});
  const example = el('pre', { class: 'example' }, pretty(type.example));
  const sentAs = el('p', { class: 'muted sent-as' }, 'The event\'s data as published.');
  const select = el('select', { class: 'format', 'aria-label': `Example format for ${type.name}` },
    el('option', { value: '' }, 'data (as published)'),
    formats.map(([format]) => el('option', { value: format }, format)));
  select.addEventListener('change', () => {
    const chosen = type.formats[select.value];
    example.textContent = pretty(chosen ? chosen.example : type.example);
    sentAs.textContent = chosen ? `The body a ${select.value} webhook receives; its event name there: ${chosen.name}.`
      : 'The event\'s data as published.';
  });
  const aliases = type.aliases && type.aliases.length > 0
    ? el('p', { class: 'aliases' }, 'Also published as: ', type.aliases.join(', ')) : null;
  return el('section', { class: 'event-type card', id: anchor(type.name), 'data-event-type': type.name },
    el('h2', {}, el('code', {}, type.name)),
    el('p', { class: 'description' }, type.description),
    aliases,
    el('details', { class: 'schema' }, el('summary', {}, 'JSON schema of data'), el('pre', {}, pretty(type.schema))),
    el('h3', {}, 'Example'),
    el('label', { class: 'format-choice' }, 'Payload format', select),
    sentAs,
    example);
}
