// A portal link's light theming: the accent colour (a CSS custom property), dark mode (data-theme on <html>) and a
// logo in the header. The server validated the values; they are checked again here before use.

const accentPattern = /^#[0-9a-fA-F]{6}$/;

/** `value` when it is an absolute https URL, else null. */
export function logoUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : null;
  } catch {
    return null;
  }
}

/** Applies `theme` (`{accent?, logoUrl?, dark?}`) to the page; members that fail their check are left out. */
export function applyTheme(theme) {
  const root = document.documentElement;
  const accent = theme && typeof theme.accent === 'string' && accentPattern.test(theme.accent) ? theme.accent : null;
  if (accent) root.style.setProperty('--accent', accent);
  else root.style.removeProperty('--accent');
  if (theme && theme.dark === true) root.dataset.theme = 'dark';
  else delete root.dataset.theme;
  const bar = document.querySelector('header.bar');
  let logo = document.getElementById('portal-logo');
  const source = theme ? logoUrl(theme.logoUrl) : null;
  if (!source) {
    if (logo) logo.remove();
    return;
  }
  if (!logo && bar) {
    logo = document.createElement('img');
    logo.id = 'portal-logo';
    logo.className = 'logo';
    logo.alt = '';
    logo.referrerPolicy = 'no-referrer';
    bar.prepend(logo);
  }
  if (logo && logo.getAttribute('src') !== source) logo.setAttribute('src', source);
}
