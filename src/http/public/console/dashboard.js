// The supervisor dashboard: reads /console/api/dashboard/* and draws plain SVG charts (no library).
// Labels that come from users (unanswered questions) are SVG text nodes set with textContent.
'use strict';

(() => {
  const { $, t, el, svg, api, lang, start } = window.TanyaBackoffice;
  const WIDTH = 640;
  const WIDE = 1240;
  const number = (value) => Number(value).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID');
  const percent = (value) => (value === null || value === undefined ? '–' : `${Math.round(value * 100)}%`);
  const dayLabel = (day) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

  /** A round upper bound for an axis. */
  function niceMax(value) {
    if (value <= 0) return 1;
    const power = 10 ** Math.floor(Math.log10(value));
    const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value) || 10;
    return step * power;
  }

  function chartFrame(container, width, height, label) {
    const root = svg('svg', {
      viewBox: `0 0 ${width} ${height}`,
      class: 'bo-svg',
      role: 'img',
      'aria-label': label,
    });
    root.appendChild(svg('title', {}, label));
    container.replaceChildren(root);
    return root;
  }

  function legend(container, series) {
    const list = el('ul', 'bo-legend');
    series.forEach((item, i) => {
      const li = el('li');
      li.appendChild(el('span', `bo-swatch series-${item.colour ?? i}`));
      li.appendChild(document.createTextNode(item.name));
      list.appendChild(li);
    });
    container.appendChild(list);
  }

  function noData(root, width, height) {
    root.appendChild(
      svg(
        'text',
        { x: width / 2, y: height / 2, class: 'bo-empty', 'text-anchor': 'middle' },
        t('dashboard_no_data'),
      ),
    );
  }

  /**
   * Vertical bars per label, stacked by series: `{labels, series: [{name, values, colour?}], format}`.
   */
  function columns(container, options) {
    const width = options.width || WIDTH;
    const height = 220;
    const pad = { top: 12, right: 8, bottom: 28, left: 52 };
    const root = chartFrame(container, width, height, options.title);
    const totals = options.labels.map((_, i) =>
      options.series.reduce((sum, s) => sum + (s.values[i] || 0), 0),
    );
    const max = options.max ?? niceMax(Math.max(0, ...totals));
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const y = (value) => pad.top + plotH - (value / max) * plotH;
    for (const tick of [0, max / 2, max]) {
      root.appendChild(
        svg('line', { x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick), class: 'bo-grid-line' }),
      );
      root.appendChild(
        svg(
          'text',
          { x: pad.left - 6, y: y(tick) + 4, class: 'bo-axis', 'text-anchor': 'end' },
          options.format(tick),
        ),
      );
    }
    const slot = plotW / Math.max(1, options.labels.length);
    const barW = Math.max(2, Math.min(36, slot * 0.7));
    const every = Math.ceil(options.labels.length / 10);
    options.labels.forEach((label, i) => {
      const x = pad.left + slot * i + (slot - barW) / 2;
      let base = 0;
      options.series.forEach((series, s) => {
        const value = series.values[i] || 0;
        if (value > 0) {
          const rect = svg('rect', {
            x,
            y: y(base + value),
            width: barW,
            height: Math.max(1, y(base) - y(base + value)),
            class: `bo-bar series-${series.colour ?? s}`,
          });
          rect.appendChild(svg('title', {}, `${label} · ${series.name}: ${options.format(value)}`));
          root.appendChild(rect);
        }
        base += value;
      });
      if (i % every === 0) {
        root.appendChild(
          svg('text', { x: x + barW / 2, y: height - 10, class: 'bo-axis', 'text-anchor': 'middle' }, label),
        );
      }
    });
    if (!totals.some((total) => total > 0)) noData(root, width, height);
    if (options.series.length > 1 || options.legend) legend(container, options.series);
  }

  /** Horizontal bars with a label on the left: `{items: [{label, value, note?}], format}`. */
  function rows(container, options) {
    const rowH = 24;
    const labelW = options.labelWidth ?? 250;
    const height = Math.max(rowH * options.items.length + 8, 60);
    const root = chartFrame(container, WIDTH, height, options.title);
    if (!options.items.length) {
      noData(root, WIDTH, height);
      return;
    }
    const max = Math.max(1, ...options.items.map((item) => item.value));
    const barMax = WIDTH - labelW - 90;
    options.items.forEach((item, i) => {
      const top = 4 + i * rowH;
      const text = item.label.length > 38 ? `${item.label.slice(0, 37)}…` : item.label;
      const label = svg(
        'text',
        { x: labelW - 8, y: top + 16, class: 'bo-row-label', 'text-anchor': 'end' },
        text,
      );
      label.appendChild(svg('title', {}, item.label));
      root.appendChild(label);
      const width = Math.max(item.value > 0 ? 2 : 0, (item.value / max) * barMax);
      const rect = svg('rect', {
        x: labelW,
        y: top + 3,
        width,
        height: rowH - 8,
        class: `bo-bar series-${options.colour ?? 0}`,
      });
      rect.appendChild(svg('title', {}, `${item.label}: ${number(item.value)}`));
      root.appendChild(rect);
      root.appendChild(
        svg(
          'text',
          { x: labelW + width + 6, y: top + 16, class: 'bo-axis' },
          `${number(item.value)}${item.note ? ` · ${item.note}` : ''}`,
        ),
      );
    });
  }

  function tile(label, value, id) {
    const box = el('div', 'bo-tile');
    if (id) box.id = id;
    box.appendChild(el('span', 'bo-tile-value', value));
    box.appendChild(el('span', 'bo-tile-label', label));
    return box;
  }

  async function load() {
    const days = $('range').value;
    const query = `?days=${encodeURIComponent(days)}`;
    $('dashboard-error').textContent = '';
    try {
      const [conversations, faq, unanswered, handoff, funnels] = await Promise.all([
        api('GET', `/console/api/dashboard/conversations${query}`),
        api('GET', `/console/api/dashboard/faq${query}`),
        api('GET', `/console/api/dashboard/unanswered${query}&limit=10`),
        api('GET', `/console/api/dashboard/handoff${query}`),
        api('GET', `/console/api/dashboard/funnels${query}`),
      ]);
      const labels = conversations.days.map(dayLabel);

      const total = conversations.totals.reduce((sum, n) => sum + n, 0);
      const longest = handoff.queue.reduce((most, entry) => Math.max(most, entry.minutes), 0);
      $('tiles').replaceChildren(
        tile(t('dashboard_tile_conversations'), number(total), 'tile-conversations'),
        tile(t('dashboard_tile_answered'), percent(faq.rates.answer)),
        tile(t('dashboard_tile_handoff'), percent(handoff.rate)),
        tile(
          t('dashboard_tile_median_wait'),
          handoff.medianWaitMinutes === null ? '–' : t('dashboard_minutes', { n: handoff.medianWaitMinutes }),
        ),
        tile(
          t('dashboard_tile_waiting'),
          handoff.queue.length
            ? `${number(handoff.queue.length)} (${t('dashboard_minutes', { n: Math.round(longest) })})`
            : '0',
        ),
      );

      columns($('chart-conversations'), {
        title: t('dashboard_conversations'),
        labels,
        series: conversations.channels.map((channel) => ({ name: channel.channel, values: channel.counts })),
        legend: true,
        width: WIDE,
        format: (value) => number(Math.round(value)),
      });

      columns($('chart-faq'), {
        title: t('dashboard_faq'),
        labels,
        series: ['answer', 'clarify', 'fallback'].map((outcome, i) => ({
          name: `${t(`dashboard_faq_${outcome}`)} (${percent(faq.rates[outcome])})`,
          values: faq[outcome],
          colour: i + 6,
        })),
        format: (value) => number(Math.round(value)),
      });

      rows($('chart-unanswered'), {
        title: t('dashboard_unanswered'),
        items: unanswered.questions.map((q) => ({ label: q.question, value: q.count })),
        labelWidth: 300,
        colour: 8,
      });

      columns($('chart-handoff'), {
        title: t('dashboard_handoff_rate'),
        labels,
        series: [{ name: t('dashboard_handoff_rate'), values: handoff.rates.map((r) => r ?? 0), colour: 9 }],
        max: Math.min(1, niceMax(Math.max(0.01, ...handoff.rates.map((r) => r ?? 0)))),
        format: (value) => percent(value),
      });

      columns($('chart-waits'), {
        title: t('dashboard_waits'),
        labels: handoff.waits.map((wait) => dayLabel(wait.at.slice(0, 10))),
        series: [
          { name: t('dashboard_waits'), values: handoff.waits.map((wait) => wait.minutes), colour: 10 },
        ],
        format: (value) => t('dashboard_minutes', { n: Math.round(value * 10) / 10 }),
      });

      for (const funnel of funnels.funnels) {
        const container = $(`chart-funnel-${funnel.dialog}`);
        if (!container) continue;
        const first = funnel.steps[0] ? funnel.steps[0].count : 0;
        rows(container, {
          title: t(`dashboard_funnel_${funnel.dialog}`),
          items: funnel.steps.map((step) => ({
            label: step.step,
            value: step.count,
            note: first ? percent(step.count / first) : '',
          })),
          labelWidth: 230,
          colour: funnel.dialog === 'claim' ? 2 : 1,
        });
      }
      document.body.dataset.charts = 'yes';
    } catch (error) {
      $('dashboard-error').textContent = t('error', { message: error.message });
    }
  }

  async function init() {
    const me = await start({ title: 'dashboard_title', supervisorOnly: true });
    if (me && me.role === 'supervisor') {
      $('range').addEventListener('change', () => void load());
      await load();
    }
    document.body.dataset.ready = 'yes';
  }

  void init();
})();
