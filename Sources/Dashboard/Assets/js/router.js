// Client-side routing with the History API: every view has its own URL under /dashboard/, and the server answers
// each of them with the same index.html.

export const base = '/dashboard';
const routes = [];
let renderer = () => {};

/** Registers `view(params)` for `pattern`, a path below /dashboard such as `/chatbots/{chatbotId}/webhooks`. */
export function route(pattern, view) {
  routes.push({ parts: pattern.split('/').filter(Boolean), view });
}

/** The view and parameters for `pathname`, or null. */
export function match(pathname) {
  if (pathname !== base && !pathname.startsWith(`${base}/`)) return null;
  const parts = pathname.slice(base.length).split('/').filter(Boolean).map(decodeURIComponent);
  for (const candidate of routes) {
    if (candidate.parts.length !== parts.length) continue;
    const params = {};
    const matches = candidate.parts.every((part, index) => {
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = parts[index];
        return true;
      }
      return part === parts[index];
    });
    if (matches) return { view: candidate.view, params };
  }
  return null;
}

/** The dashboard URL of `path` (below /dashboard), its parameters encoded. */
export function href(...segments) {
  return `${base}/${segments.map((part) => encodeURIComponent(part)).join('/')}`;
}

/** Shows `url` (a path under /dashboard), adding a history entry unless `replace`. */
export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  renderer();
}

/** Starts routing: renders now, on back and forward, and on clicks on links marked `data-link`. */
export function start(render) {
  renderer = render;
  window.addEventListener('popstate', render);
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-link]') : null;
    if (!link || link.origin !== location.origin || event.defaultPrevented || event.button !== 0
        || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  render();
}
