// The agent console. Everything users (and agents) wrote is put in the page with textContent, never
// as HTML. State-changing requests carry the CSRF token from GET /console/api/csrf.
'use strict';

(() => {
  const { lang, $, t, el, api, loadStrings, setToken, whenSignedOut } = window.TanyaConsoleCommon;
  let me = null;
  let view = 'waiting';
  let openKey = null;
  let openData = null;
  let events = null;
  const shownLines = new Set();

  function showLogin() {
    $('app').hidden = true;
    $('login').hidden = false;
    if (events) events.close();
    events = null;
    $('login-name').focus();
  }

  async function showApp() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('whoami').textContent = t('signed_in_as', { name: me.agent, role: me.role });
    $('nav-dashboard').hidden = me.role !== 'supervisor';
    $('nav-whatsapp').hidden = me.role !== 'supervisor';
    listen();
    await refreshQueue();
    await refreshStats();
  }

  function time(iso) {
    return iso
      ? new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'id-ID', {
          hour: '2-digit',
          minute: '2-digit',
        })
      : '';
  }

  async function refreshQueue() {
    const data = await api('GET', `/console/api/queue?view=${view}`);
    const list = $('queue-list');
    list.replaceChildren();
    if (!data.entries.length) list.appendChild(el('li', 'meta', t('empty')));
    for (const entry of data.entries) {
      const li = el('li');
      li.dataset.key = entry.key;
      if (entry.key === openKey) li.classList.add('selected');
      li.appendChild(
        el(
          'div',
          'title',
          `${entry.channel} · ${t(`state_${entry.state}`)}${entry.agent ? ` · ${entry.agent}` : ''}`,
        ),
      );
      li.appendChild(
        el('div', 'meta', `${t(`reason_${entry.reason}`)} · ${t('waiting_since')} ${time(entry.queuedAt)}`),
      );
      if (entry.preview) li.appendChild(el('div', 'preview', entry.preview));
      li.addEventListener('click', () => void openConversation(entry.key));
      list.appendChild(li);
    }
  }

  async function refreshStats() {
    if (!me || me.role !== 'supervisor') return;
    const stats = await api('GET', '/console/api/stats');
    const box = $('stats');
    box.hidden = false;
    box.replaceChildren();
    for (const [key, value] of [
      ['stats_waiting', stats.waiting],
      ['stats_assigned', stats.assigned],
      ['stats_callbacks', stats.callbacks],
      ['stats_wait', stats.medianWaitMinutes ?? '–'],
      ['stats_turns', stats.turns],
    ]) {
      const item = el('span');
      item.appendChild(el('span', '', `${t(key)}: `));
      item.appendChild(el('b', '', value));
      box.appendChild(item);
    }
  }

  function appendRich(parent, text) {
    String(text)
      .split(/\*([^*\n]+)\*/)
      .forEach((part, i) => {
        if (!part) return;
        parent.appendChild(i % 2 ? el('strong', '', part) : document.createTextNode(part));
      });
  }

  // Personal numbers come masked; each "show" button reveals one value (the server audits it).
  function revealButtons(line) {
    const box = el('div', 'reveal');
    const key = openKey;
    line.masked.forEach((masked, item) => {
      const button = el('button', 'link', t('reveal', { masked }));
      button.type = 'button';
      button.addEventListener('click', async () => {
        try {
          const data = await api(
            'POST',
            `/console/api/conversations/${encodeURIComponent(key)}/lines/${Number(line.index)}/reveal`,
            { item },
          );
          button.replaceWith(el('code', '', data.value));
        } catch {
          button.textContent = t('reveal_failed');
        }
      });
      box.appendChild(button);
    });
    return box;
  }

  function renderLine(line) {
    if (shownLines.has(line.index)) return;
    shownLines.add(line.index);
    const li = el('li', `line ${line.from}`);
    li.dataset.index = String(line.index);
    const who = t(`from_${line.from}`) + (line.agent ? ` (${line.agent})` : '');
    li.appendChild(el('span', 'who', `${who} · ${time(line.at)}`));
    const body = el('span', 'text');
    if (line.kind === 'location') {
      body.appendChild(document.createTextNode(`${t('location')}: ${line.lat}, ${line.lon} `));
      if (line.text) body.appendChild(document.createTextNode(`(${line.text}) `));
      const a = el('a', '', t('open_map'));
      a.href = `https://www.google.com/maps/search/?api=1&query=${Number(line.lat)},${Number(line.lon)}`;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      body.appendChild(a);
    } else if (line.kind === 'file' && line.file) {
      body.appendChild(document.createTextNode(`${t('file')}: ${line.file.name} (${line.file.mime}) `));
      const a = el('a', '', t('download'));
      a.href = `/console/api/conversations/${encodeURIComponent(openKey)}/files/${Number(line.index)}`;
      body.appendChild(a);
      if (line.text) body.appendChild(document.createTextNode(`\n${line.text}`));
    } else if (line.from === 'system') {
      const [action, target] = String(line.text || '').split(' → ');
      body.textContent = `${t(`system_${action}`)}${target ? ` → ${target}` : ''}`;
    } else {
      appendRich(body, line.text || '');
    }
    li.appendChild(body);
    if (line.masked && line.masked.length) li.appendChild(revealButtons(line));
    if (line.choices && line.choices.length)
      li.appendChild(el('div', 'choices', `[${line.choices.join(' | ')}]`));
    $('transcript').appendChild(li);
    $('transcript').scrollTop = $('transcript').scrollHeight;
  }

  function renderContext(data) {
    const box = $('context');
    box.replaceChildren(el('h3', '', t('context')));
    const dl = el('dl');
    const add = (label, value) => {
      if (value === null || value === undefined || value === '') return;
      dl.appendChild(el('dt', '', label));
      dl.appendChild(el('dd', '', value));
    };
    add(t('channel'), data.context.channel);
    add(t('language'), data.context.locale);
    if (data.handoff) {
      add(t('reason'), t(`reason_${data.handoff.reason}`));
      add(t('note'), data.handoff.note);
      add(t('agent'), data.handoff.agent);
    }
    const dialog = data.context.dialog || data.context.paused;
    if (dialog) add(t('dialog'), `${dialog.title} (${dialog.step})`);
    const answers = Object.entries(data.context.answers);
    if (answers.length) {
      dl.appendChild(el('dt', '', t('answers')));
      for (const [field, value] of answers) dl.appendChild(el('dd', '', `${field}: ${value}`));
    }
    box.appendChild(dl);
  }

  function fillSelect(select, placeholder, options) {
    select.replaceChildren(el('option', '', placeholder));
    select.firstChild.value = '';
    for (const [value, label] of options) {
      const option = el('option', '', label);
      option.value = value;
      select.appendChild(option);
    }
  }

  function updateActions() {
    const entry = openData && openData.entry;
    const mine = entry && entry.state === 'assigned' && entry.agent === me.agent;
    const manage = entry && entry.state === 'assigned' && (mine || me.role === 'supervisor');
    $('take').disabled = !entry || entry.state === 'assigned';
    $('reply-send').disabled = !mine;
    $('reply-text').disabled = !mine;
    $('canned').disabled = !mine;
    $('transfer').disabled = !manage;
    $('return').disabled = !manage;
    $('close').disabled = !manage;
    $('conv-title').textContent = openKey
      ? `${openData.context.channel} · ${entry ? t(`state_${entry.state}`) : '–'}${entry && entry.agent ? ` · ${entry.agent}` : ''}`
      : '';
  }

  async function openConversation(key) {
    openKey = key;
    $('action-error').textContent = '';
    const data = await api('GET', `/console/api/conversations/${encodeURIComponent(key)}`);
    openData = data;
    $('placeholder').hidden = true;
    $('conversation-body').hidden = false;
    shownLines.clear();
    $('transcript').replaceChildren();
    for (const line of data.transcript) renderLine(line);
    renderContext(data);
    fillSelect(
      $('canned'),
      t('canned'),
      data.canned.map((c) => [c.text, c.text]),
    );
    fillSelect(
      $('return-to'),
      t('return_to'),
      data.dialogs.map((d) => [d.id, d.title]),
    );
    const agents = await api('GET', '/console/api/agents');
    fillSelect(
      $('transfer-to'),
      t('transfer_to'),
      agents.agents.filter((a) => a.name !== (data.entry && data.entry.agent)).map((a) => [a.name, a.name]),
    );
    updateActions();
    for (const li of document.querySelectorAll('#queue-list li'))
      li.classList.toggle('selected', li.dataset.key === key);
  }

  async function act(path, body) {
    $('action-error').textContent = '';
    try {
      await api('POST', `/console/api/conversations/${encodeURIComponent(openKey)}/${path}`, body);
      return true;
    } catch (error) {
      $('action-error').textContent = t('error', { message: error.message });
      return false;
    }
  }

  let refreshTimer = null;
  function scheduleRefresh() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void refreshQueue();
      void refreshStats();
    }, 150);
  }

  function listen() {
    if (events) events.close();
    events = new EventSource('/console/api/events');
    events.addEventListener('open', () => {
      $('live').textContent = `● ${t('live')}`;
      document.body.dataset.live = 'yes';
    });
    events.addEventListener('error', () => {
      $('live').textContent = t('offline');
      document.body.dataset.live = 'no';
    });
    events.addEventListener('conversation', (message) => {
      const event = JSON.parse(message.data);
      scheduleRefresh();
      if (event.key !== openKey) return;
      for (const line of event.lines) renderLine(line);
      if (openData) {
        openData.entry = event.entry;
        updateActions();
      }
    });
  }

  function wire() {
    $('login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      $('login-error').textContent = '';
      try {
        const result = await api('POST', '/console/api/login', {
          name: $('login-name').value.trim(),
          password: $('login-password').value,
        });
        setToken(result.token);
        me = { agent: result.agent, role: result.role };
        $('login-password').value = '';
        await showApp();
      } catch (error) {
        $('login-error').textContent = error.status === 429 ? t('too_many') : t('wrong_password');
      }
    });
    $('logout').addEventListener('click', async () => {
      await api('POST', '/console/api/logout').catch(() => undefined);
      const fresh = await api('GET', '/console/api/csrf');
      setToken(fresh.token);
      me = null;
      showLogin();
    });
    for (const button of document.querySelectorAll('.tabs button')) {
      button.addEventListener('click', () => {
        view = button.dataset.view;
        for (const other of document.querySelectorAll('.tabs button'))
          other.classList.toggle('active', other === button);
        void refreshQueue();
      });
    }
    $('take').addEventListener('click', async () => {
      if (await act('take')) await openConversation(openKey);
    });
    $('reply-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = $('reply-text').value.trim();
      if (!text) return;
      if (await act('messages', { text })) $('reply-text').value = '';
    });
    $('canned').addEventListener('change', () => {
      if ($('canned').value) $('reply-text').value = $('canned').value;
      $('canned').value = '';
      $('reply-text').focus();
    });
    $('transfer').addEventListener('click', async () => {
      const to = $('transfer-to').value;
      if (to && (await act('transfer', { to }))) await openConversation(openKey);
    });
    $('return').addEventListener('click', async () => {
      const dialog = $('return-to').value;
      if (dialog && (await act('return', { dialog }))) await openConversation(openKey).catch(() => undefined);
    });
    $('close').addEventListener('click', async () => {
      if (await act('close')) await openConversation(openKey).catch(() => undefined);
    });
  }

  async function init() {
    await loadStrings();
    document.title = t('title');
    whenSignedOut(showLogin);
    wire();
    const session = await api('GET', '/console/api/csrf');
    setToken(session.token);
    if (session.agent) {
      me = { agent: session.agent, role: session.role };
      await showApp();
    } else {
      showLogin();
    }
    document.body.dataset.ready = 'yes';
  }

  void init();
})();
