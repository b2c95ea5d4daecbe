// The web chat page. Everything the bot, an agent or the user wrote is put in the page as text
// (textContent), never as HTML; links are built only from numbers (map coordinates).
'use strict';

(() => {
  const lang = (navigator.language || 'id').toLowerCase().startsWith('en') ? 'en' : 'id';
  const $ = (id) => document.getElementById(id);
  const messages = $('messages');
  const status = $('status');
  let strings = {};
  let maxMb = 5;

  const t = (key, vars) =>
    (strings[key] || key).replace(/\{\{(\w+)\}\}/g, (_, name) => String((vars && vars[name]) ?? ''));

  /** Appends `text` to `parent`, turning *bold* into <strong> elements built from text nodes. */
  function appendRich(parent, text) {
    const parts = String(text).split(/\*([^*\n]+)\*/);
    parts.forEach((part, i) => {
      if (!part) return;
      if (i % 2 === 1) {
        const strong = document.createElement('strong');
        strong.textContent = part;
        parent.appendChild(strong);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function mapLink(lat, lon) {
    const a = document.createElement('a');
    a.href = `https://www.google.com/maps/search/?api=1&query=${Number(lat)},${Number(lon)}`;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = t('open_map');
    return a;
  }

  function bubble(from) {
    const li = document.createElement('li');
    li.className = `msg ${from}`;
    messages.appendChild(li);
    return li;
  }

  function scroll() {
    messages.scrollTop = messages.scrollHeight;
  }

  /** Renders one outbound of the bot (or of an agent, pushed over SSE). */
  function renderOutbound(outbound, from) {
    const li = bubble(from);
    switch (outbound.kind) {
      case 'venue':
        appendRich(li, `${outbound.title}\n${outbound.address}\n`);
        li.appendChild(mapLink(outbound.lat, outbound.lon));
        break;
      case 'choices': {
        appendRich(li, outbound.text);
        const row = document.createElement('div');
        row.className = 'choices';
        for (const choice of outbound.choices) {
          const button = document.createElement('button');
          button.type = 'button';
          button.textContent = choice.label;
          button.dataset.choice = choice.id;
          button.addEventListener('click', () =>
            send({ choice: choice.id, label: choice.label }, choice.label),
          );
          row.appendChild(button);
        }
        li.appendChild(row);
        break;
      }
      case 'request_location': {
        appendRich(li, outbound.text);
        const row = document.createElement('div');
        row.className = 'choices';
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = t('location');
        button.addEventListener('click', shareLocation);
        row.appendChild(button);
        li.appendChild(row);
        break;
      }
      default:
        appendRich(li, outbound.text || '');
    }
    scroll();
  }

  function renderUser(text) {
    const li = bubble('user');
    li.textContent = text;
    scroll();
  }

  async function send(body, shown) {
    status.textContent = '';
    if (shown) renderUser(shown);
    const id =
      (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random().toString(36).slice(2);
    try {
      const response = await fetch('/web/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ ...body, id, lang: navigator.language }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const result = await response.json();
      for (const outbound of result.replies) renderOutbound(outbound, 'bot');
    } catch {
      status.textContent = t('error');
    }
  }

  function shareLocation() {
    if (!navigator.geolocation) {
      status.textContent = t('location_denied');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        send(
          { location: { lat: position.coords.latitude, lon: position.coords.longitude } },
          t('sent_location'),
        ),
      () => {
        status.textContent = t('location_denied');
      },
      { enableHighAccuracy: false, timeout: 15000 },
    );
  }

  function sendFile(file) {
    if (!['image/jpeg', 'image/png', 'application/pdf'].includes(file.type)) {
      status.textContent = t('file_type');
      return;
    }
    if (file.size > maxMb * 1024 * 1024) {
      status.textContent = t('file_too_large', { mb: maxMb });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const data = String(reader.result).split(',')[1] || '';
      void send(
        { file: { name: file.name.slice(0, 255), mime: file.type, data } },
        t('sent_file', { name: file.name }),
      );
    };
    reader.readAsDataURL(file);
  }

  function renderHistory(lines) {
    for (const line of lines) {
      if (line.from === 'user') {
        renderUser(
          line.kind === 'location'
            ? t('sent_location')
            : line.file
              ? t('sent_file', { name: line.file })
              : line.text || '',
        );
      } else if (line.kind === 'location' && line.lat !== null) {
        const li = bubble(line.from);
        appendRich(li, `${line.text || ''}\n`);
        li.appendChild(mapLink(line.lat, line.lon));
      } else {
        const li = bubble(line.from === 'agent' ? 'agent' : 'bot');
        appendRich(li, line.text || '');
      }
    }
    scroll();
  }

  function applyStrings() {
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
      el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
    document.title = t('title');
  }

  function listen() {
    const events = new EventSource('/web/events');
    events.addEventListener('replies', (event) => {
      const { replies } = JSON.parse(event.data);
      for (const outbound of replies) renderOutbound(outbound, 'agent');
    });
    events.addEventListener('open', () => document.body.setAttribute('data-live', 'yes'));
    events.addEventListener('error', () => document.body.setAttribute('data-live', 'no'));
  }

  async function init() {
    const i18n = await (await fetch(`/web/i18n/${lang}`)).json();
    strings = i18n.strings;
    maxMb = i18n.uploadMaxMb;
    applyStrings();
    await fetch('/web/session', { credentials: 'same-origin' });
    const history = await (await fetch('/web/history', { credentials: 'same-origin' })).json();
    renderHistory(history.lines);
    listen();
    $('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = $('text').value.trim();
      if (!text) return;
      $('text').value = '';
      void send({ text }, text);
    });
    $('location').addEventListener('click', shareLocation);
    $('file-input').addEventListener('change', (event) => {
      const file = event.target.files && event.target.files[0];
      if (file) sendFile(file);
      event.target.value = '';
    });
    document.body.setAttribute('data-ready', 'yes');
  }

  void init();
})();
