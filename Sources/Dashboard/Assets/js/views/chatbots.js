// Picking a chatbot: every view below it is scoped to one.
import { api } from '../api.js';
import { el, show } from '../dom.js';
import { href } from '../router.js';

/** The tenant's chatbots at /dashboard/, each a link to its webhooks. */
export async function chatbotsView(container) {
  const { chatbots } = await api.chatbots();
  const list = chatbots.length === 0
    ? el('p', { class: 'muted' }, 'This account has no chatbot yet.')
    : el('ul', { class: 'choices', id: 'chatbots' }, chatbots.map((chatbot) =>
      el('li', {}, el('a', { href: href('chatbots', chatbot.id, 'webhooks'), 'data-link': true }, chatbot.name))));
  show(container, el('h1', {}, 'Choose a chatbot'), list);
}
