// Shared by the back-office pages of the console (claims, dashboard, WhatsApp), on top of common.js: the
// sign-in check, dates and SVG helpers. Everything users wrote is put in the page
// with textContent, never as HTML.
'use strict';

window.TanyaBackoffice = (() => {
  const { lang, $, t, el, api, loadStrings, setToken } = window.TanyaConsoleCommon;
  const SVG = 'http://www.w3.org/2000/svg';

  /** An SVG element; attribute values are set as attributes (never parsed as markup). */
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
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
    await loadStrings();
    document.title = t(options.title);
    const session = await api('GET', '/console/api/csrf');
    setToken(session.token);
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
