// Builds elements without ever parsing HTML: strings become text nodes, so a value from the API is shown, never run.

/** Creates `tag` with `attributes` (set with setAttribute) and `children` (nodes, or strings as text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** `[name, value]` pairs (headers) as a two-column table of text. */
export function pairsTable(pairs) {
  return el('table', { class: 'headers' },
    el('tbody', {}, pairs.map(([name, value]) => el('tr', {}, el('th', { scope: 'row' }, name), el('td', {}, value)))));
}

/** Replaces everything in `container` by `nodes`. */
export function show(container, ...nodes) {
  container.replaceChildren(...nodes.flat());
}

/** A date from the API for people, or the text `never`. */
export function formatDate(value) {
  if (!value) return 'never';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}
