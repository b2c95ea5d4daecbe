// Claims and registrations for the back office: a filtered list, a record with its data masked by
// the server, its documents (served only to signed-in agents), its status history, and the claim
// status change (the member is notified by the server, as with `tanya records set-status`).
'use strict';

(() => {
  const { $, t, el, api, date, start } = window.TanyaBackoffice;
  let openId = null;
  let noteRequired = [];

  const statusLabel = (status) => {
    const key = `status_${status}`;
    const label = t(key);
    return label === key ? status : label;
  };
  const typeLabel = (type) => t(`claims_type_${type}`);

  function size(bytes) {
    return bytes >= 1024 * 1024
      ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  }

  async function refreshList() {
    const params = new URLSearchParams();
    if ($('filter-type').value) params.set('type', $('filter-type').value);
    if ($('filter-status').value) params.set('status', $('filter-status').value);
    const data = await api('GET', `/console/api/records?${params}`);
    const select = $('filter-status');
    const chosen = select.value;
    select.replaceChildren(el('option', '', t('claims_any')));
    select.firstChild.value = '';
    for (const status of data.statuses) {
      const option = el('option', '', statusLabel(status));
      option.value = status;
      select.appendChild(option);
    }
    select.value = chosen;
    $('list-count').textContent = t('claims_count', { shown: data.records.length, total: data.total });
    const body = $('records');
    body.replaceChildren();
    if (!data.records.length) {
      const row = el('tr');
      const cell = el('td', 'bo-meta', t('claims_empty'));
      cell.colSpan = 5;
      row.appendChild(cell);
      body.appendChild(row);
    }
    for (const record of data.records) {
      const row = el('tr');
      row.dataset.id = record.id;
      row.tabIndex = 0;
      if (record.id === openId) row.classList.add('selected');
      row.appendChild(el('td', 'bo-ref', record.id));
      row.appendChild(el('td', '', typeLabel(record.type)));
      const status = el('td');
      status.appendChild(el('span', `bo-badge status-${record.status}`, statusLabel(record.status)));
      row.appendChild(status);
      row.appendChild(el('td', '', record.channel));
      row.appendChild(el('td', '', date(record.updatedAt, true)));
      const open = () => void openRecord(record.id);
      row.addEventListener('click', open);
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') open();
      });
      body.appendChild(row);
    }
  }

  /** Flattens nested data to `path: value` rows (documents have their own list). */
  function rows(value, path, out) {
    if (value === null || value === undefined || value === '') return out;
    if (Array.isArray(value)) {
      if (value.every((item) => item === null || typeof item !== 'object'))
        out.push([path, value.join(', ')]);
      else value.forEach((item, i) => rows(item, `${path}[${i + 1}]`, out));
    } else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) rows(inner, path ? `${path}.${key}` : key, out);
    } else {
      out.push([path, String(value)]);
    }
    return out;
  }

  function renderDocuments(id, documents) {
    const list = $('detail-documents');
    list.replaceChildren();
    if (!documents.length) list.appendChild(el('li', 'bo-meta', t('claims_no_documents')));
    for (const doc of documents) {
      const li = el('li');
      li.appendChild(el('span', 'bo-doc-type', doc.type));
      li.appendChild(el('span', 'bo-meta', ` ${doc.mime} · ${size(doc.size)} `));
      if (doc.available) {
        const url = `/console/api/records/${encodeURIComponent(id)}/documents/${encodeURIComponent(doc.id)}`;
        const view = el('a', '', t('claims_view'));
        view.href = url;
        view.target = '_blank';
        view.rel = 'noopener noreferrer';
        const download = el('a', '', t('download'));
        download.href = `${url}?download=1`;
        li.append(view, ' · ', download);
      } else {
        li.appendChild(el('span', 'bo-error', t('claims_document_missing')));
      }
      list.appendChild(li);
    }
  }

  function renderHistory(history) {
    const list = $('detail-history');
    list.replaceChildren();
    for (const change of [...history].reverse()) {
      const li = el('li');
      li.appendChild(el('span', 'bo-meta', `${date(change.at, true)} · `));
      li.appendChild(el('span', `bo-badge status-${change.status}`, statusLabel(change.status)));
      if (change.by) li.appendChild(el('span', 'bo-meta', ` · ${change.by}`));
      if (change.note) li.appendChild(el('div', 'bo-note', change.note));
      list.appendChild(li);
    }
  }

  function renderStatusForm(transitions) {
    const form = $('status-form');
    form.hidden = !transitions.length;
    const select = $('status-to');
    select.replaceChildren(el('option', '', t('claims_choose_status')));
    select.firstChild.value = '';
    for (const status of transitions) {
      const option = el('option', '', statusLabel(status));
      option.value = status;
      select.appendChild(option);
    }
    $('status-note').value = '';
    updateNoteRequirement();
  }

  function updateNoteRequirement() {
    const required = noteRequired.includes($('status-to').value);
    $('status-note').required = required;
    $('status-note-label').textContent = t(required ? 'claims_note_required' : 'claims_note');
  }

  async function openRecord(id) {
    openId = id;
    $('status-error').textContent = '';
    const data = await api('GET', `/console/api/records/${encodeURIComponent(id)}`);
    const record = data.record;
    noteRequired = data.noteRequired;
    $('detail-placeholder').hidden = true;
    $('detail-body').hidden = false;
    $('detail-title').textContent = `${typeLabel(record.type)} ${record.id}`;
    $('detail-status').replaceChildren(
      el('span', `bo-badge status-${record.status}`, statusLabel(record.status)),
      el('span', 'bo-meta', ` · ${record.conversation.channel} · ${date(record.createdAt, true)}`),
    );
    const dl = $('detail-data');
    dl.replaceChildren();
    const { documents: _documents, ...data_ } = record.data;
    for (const [path, value] of rows(data_, '', [])) {
      dl.appendChild(el('dt', '', path));
      dl.appendChild(el('dd', '', value));
    }
    renderDocuments(record.id, data.documents);
    renderHistory(record.history);
    renderStatusForm(data.transitions);
    for (const row of document.querySelectorAll('#records tr'))
      row.classList.toggle('selected', row.dataset.id === id);
  }

  function wire() {
    $('filter-type').addEventListener('change', () => void refreshList());
    $('filter-status').addEventListener('change', () => void refreshList());
    $('status-to').addEventListener('change', updateNoteRequirement);
    $('status-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      $('status-error').textContent = '';
      $('status-result').textContent = '';
      const status = $('status-to').value;
      const note = $('status-note').value.trim();
      if (!status) return;
      if (noteRequired.includes(status) && !note) {
        $('status-error').textContent = t('claims_note_missing');
        return;
      }
      $('status-submit').disabled = true;
      try {
        const result = await api('POST', `/console/api/records/${encodeURIComponent(openId)}/status`, {
          status,
          ...(note ? { note } : {}),
        });
        await openRecord(openId);
        await refreshList();
        $('status-result').textContent = t('claims_status_changed', {
          from: statusLabel(result.previous),
          to: statusLabel(result.status),
        });
      } catch (error) {
        $('status-error').textContent = t('error', { message: error.message });
      } finally {
        $('status-submit').disabled = false;
      }
    });
  }

  async function init() {
    const me = await start({ title: 'claims_title' });
    if (me) {
      wire();
      await refreshList();
    }
    document.body.dataset.ready = 'yes';
  }

  void init();
})();
