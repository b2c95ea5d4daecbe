// Shared by every page of the console (the agent console and the back-office pages), loaded before the
// page's own script: the language and strings, the API with the CSRF token and small DOM helpers.
// Everything users wrote is put in the page with textContent, never as HTML.
'use strict';

window.TanyaConsoleCommon = (() => {
  const lang = (navigator.language || 'id').toLowerCase().startsWith('en') ? 'en' : 'id';
  let strings = {};
  let token = '';
  let onSignedOut = null;

  const $ = (id) => document.getElementById(id);

  const t = (key, vars) =>
    (strings[key] || key).replace(/\{\{(\w+)\}\}/g, (_, name) => String((vars && vars[name]) ?? ''));

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /**
   * A JSON request to the console API; state-changing requests carry the CSRF token. With a handler
   * set by `whenSignedOut`, a 401 (other than from the sign-in itself) calls it and throws.
   */
  async function api(method, url, body) {
    const headers = { accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (onSignedOut && response.status === 401 && url !== '/console/api/login') {
      onSignedOut();
      throw new Error(data.error || 'sign in first');
    }
    if (!response.ok)
      throw Object.assign(new Error(data.error || String(response.status)), { status: response.status });
    return data;
  }

  function applyStrings() {
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    }
  }

  /** Loads the strings of the console in the page's language and applies them to the page. */
  async function loadStrings() {
    strings = await (await fetch(`/console/i18n/${lang}`)).json();
    applyStrings();
  }

  const setToken = (value) => {
    token = value;
  };

  const whenSignedOut = (handler) => {
    onSignedOut = handler;
  };

  return { lang, $, t, el, api, loadStrings, setToken, whenSignedOut };
})();
