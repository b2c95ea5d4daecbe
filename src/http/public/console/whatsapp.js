// WhatsApp pairing (supervisors only): polls /console/api/whatsapp and shows the connection status,
// the pairing code or the QR. The QR is an SVG our server draws from the QR matrix; it is shown as
// an <img> with a data: URL, never inserted as markup. Everything else is set with textContent.
'use strict';

(() => {
  const { $, t, api, start } = window.TanyaBackoffice;
  const POLL_MS = 3000;
  const KNOWN = [
    'stopped',
    'standby',
    'connecting',
    'pairing',
    'open',
    'reconnecting',
    'logged_out',
    'replaced',
    'forbidden',
  ];
  // The channel leaves `logged_out` as soon as it has cleared the old link and asks for a new QR, so
  // the alert stays up until the number is connected again.
  let loggedOut = false;
  let shownQr = '';

  function showQr(svg) {
    const img = $('wa-qr');
    if (!svg) {
      img.hidden = true;
      img.removeAttribute('src');
      shownQr = '';
      return;
    }
    if (svg !== shownQr) {
      img.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      img.alt = t('whatsapp_qr_alt');
      shownQr = svg;
    }
    img.hidden = false;
  }

  function render(data) {
    const status = data.enabled ? data.status : null;
    if (status === 'logged_out') loggedOut = true;
    if (status === 'open') loggedOut = false;
    $('wa-status').textContent = !data.enabled
      ? t('whatsapp_status_disabled')
      : KNOWN.includes(status)
        ? t(`whatsapp_status_${status}`)
        : String(status);
    $('wa-alert').textContent = loggedOut ? t('whatsapp_logged_out_alert') : '';
    const code = $('wa-code');
    code.hidden = !data.pairingCode;
    code.textContent = data.pairingCode || '';
    showQr(data.pairingCode ? null : data.qrSvg);
    $('wa-hint').textContent = !data.enabled
      ? t('whatsapp_disabled')
      : data.pairingCode
        ? t('whatsapp_hint_code')
        : data.qrSvg
          ? t('whatsapp_hint_qr')
          : status === 'open'
            ? t('whatsapp_hint_open')
            : t('whatsapp_hint_waiting');
  }

  async function poll() {
    try {
      render(await api('GET', '/console/api/whatsapp'));
    } catch (error) {
      if (error.status === 401) {
        $('app').hidden = true;
        $('signed-out').hidden = false;
        return;
      }
      $('wa-alert').textContent = t('whatsapp_load_failed', { error: error.message });
    }
    setTimeout(poll, POLL_MS);
  }

  start({ title: 'whatsapp_title', supervisorOnly: true }).then((me) => {
    if (me && me.role === 'supervisor') void poll();
  });
})();
