// The views of one webhook and one delivery have their URLs already; their content comes in a later slice.
import { el, show } from '../dom.js';
import { href } from '../router.js';

/** A placeholder for a view whose URL exists before its content does. */
export async function comingView(container, { chatbotId }) {
  show(container,
    el('h1', {}, 'Not in the dashboard yet'),
    el('p', { class: 'muted' }, 'This view comes in a later version; the API already serves its data.'),
    el('p', {}, el('a', { href: href('chatbots', chatbotId, 'webhooks'), 'data-link': true }, 'Back to the webhooks')));
}
