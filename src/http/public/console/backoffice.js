// Shared by the back-office pages of the console (claims, dashboard, WhatsApp): strings, the API with the
// CSRF token, the sign-in check and small DOM/SVG helpers. Everything users wrote is put in the page
// with textContent, never as HTML.
'use strict';

window.TanyaBackoffice = (() => {
  const lang = (navigator.language || 'id').toLowerCase().startsWith('en') ? 'en' : 'id';
  const SVG = 'http://www.w3.org/2000/svg';
  let strings = {};
  let token = '';

  const $ = (id) => document.getElementById(id);

  const t = (key, vars) =>
    (strings[key] || key).replace(/\{\{(\w+)\}\}/g, (_, name) => String((vars && vars[name]) ?? ''));

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** An SVG element; attribute values are set as attributes (never parsed as markup). */
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

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

  function date(iso, withTime) {
    if (!iso) return '';
    const options = withTime
      ? { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short' };
    return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', options);
  }

  /**
   * Loads the strings and the console session; shows #signed-out (with a link to the console's
   * sign-in) or #forbidden (a page for supervisors only) instead of #app when needed.
   */
  async function start(options) {
    strings = await (await fetch(`/console/i18n/${lang}`)).json();
    applyStrings();
    document.title = t(options.title);
    const session = await api('GET', '/console/api/csrf');
    token = session.token;
    const me = session.agent ? { agent: session.agent, role: session.role } : null;
    const show = (id) => {
      for (const section of ['signed-out', 'forbidden', 'app']) $(section).hidden = section !== id;
    };
    if (!me) show('signed-out');
    else if (options.supervisorOnly && me.role !== 'supervisor') show('forbidden');
    else show('app');
    if (me) {
      $('whoami').textContent = t('signed_in_as', { name: me.agent, role: me.role });
      const dashboard = $('nav-dashboard');
      if (dashboard) dashboard.hidden = me.role !== 'supervisor';
      const whatsapp = $('nav-whatsapp');
      if (whatsapp) whatsapp.hidden = me.role !== 'supervisor';
    }
    return me;
  }

  return { lang, $, t, el, svg, api, date, start };
})();
