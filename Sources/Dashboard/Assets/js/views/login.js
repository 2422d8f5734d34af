// Logging in: the API sets the wh_session cookie, then the view the user asked for opens.
import { api } from '../api.js';
import { el, show } from '../dom.js';
import { base } from '../router.js';

/** The login form at /dashboard/login; `?next=` names the view to open afterwards. */
export async function loginView(container, _params, context) {
  const email = el('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const message = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'card', id: 'login' },
    el('label', {}, 'Email', email),
    el('label', {}, 'Password', password),
    el('button', { type: 'submit' }, 'Log in'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      await api.login(email.value, password.value);
      context.signedIn(nextView());
    } catch (error) {
      message.textContent = error.message;
    }
  });
  show(container, el('h1', {}, 'Log in'), form);
  email.focus();
}

/** Where to go after logging in: the `next` parameter when it is a dashboard path, else the chatbot picker. */
function nextView() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith(`${base}/`) && !next.startsWith('//') ? next : `${base}/`;
}
