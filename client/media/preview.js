// The preview webview's script: wires clicks, keys and the what-if control to messages for the extension, and
// swaps in the HTML the extension renders. It computes nothing about StatefulSets and never builds markup from
// strings itself: every byte of markup arrives already escaped from renderPreviewHtml.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const main = /** @type {HTMLElement} */ (document.getElementById('preview'));
  let whatIfTimer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);

  /** @param {Element | null} el */
  function reveal(el) {
    if (!el) return;
    const uri = el.getAttribute('data-uri');
    const range = (el.getAttribute('data-range') || '').split(':').map(Number);
    if (!uri || range.length !== 4 || range.some((n) => !Number.isInteger(n))) return;
    vscode.postMessage({ type: 'reveal', uri, range });
  }

  function sendWhatIf() {
    clearTimeout(whatIfTimer);
    const input = /** @type {HTMLInputElement | null} */ (document.getElementById('replicas'));
    if (!input) return;
    const value = Number(input.value);
    // Half-typed or out-of-range values are ignored rather than sent; the server is the one that decides.
    if (input.value.trim() === '' || !Number.isInteger(value) || value < 0 || value > 10000) return;
    vscode.postMessage({ type: 'whatIf', replicas: value });
  }

  main.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    if (target.closest('#reset-replicas')) {
      vscode.postMessage({ type: 'whatIf', replicas: null });
      return;
    }
    const revealable = target.closest('a.reveal, tr.row');
    if (revealable) {
      event.preventDefault();
      reveal(revealable);
    }
  });

  // The Kustomize overlay selector: the extension asks the server for the StatefulSet as that overlay deploys it.
  main.addEventListener('change', (event) => {
    const target = /** @type {Element} */ (event.target);
    if (!(target instanceof HTMLSelectElement) || target.id !== 'overlay') return;
    vscode.postMessage({ type: 'overlay', dir: target.value === '' ? null : target.value });
  });

  main.addEventListener('input', (event) => {
    if (/** @type {Element} */ (event.target).id !== 'replicas') return;
    clearTimeout(whatIfTimer);
    whatIfTimer = setTimeout(sendWhatIf, 300);
  });

  main.addEventListener('keydown', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.id === 'replicas' && event.key === 'Enter') {
      sendWhatIf();
      return;
    }
    if (!target.matches('tr.row')) return;
    const rows = Array.from(target.closest('table')?.querySelectorAll('tbody tr.row') ?? []);
    const index = rows.indexOf(target);
    /** @type {Element | undefined} */
    let next;
    switch (event.key) {
      case 'Enter':
      case ' ':
        event.preventDefault();
        reveal(target);
        return;
      case 'ArrowDown': next = rows[index + 1]; break;
      case 'ArrowUp': next = rows[index - 1]; break;
      case 'Home': next = rows[0]; break;
      case 'End': next = rows[rows.length - 1]; break;
      default: return;
    }
    event.preventDefault();
    if (next instanceof HTMLElement) next.focus();
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'render' || typeof message.body !== 'string') return;
    // Keep keyboard focus (and the caret in the replicas box) across the swap, keyed by data-focus-key.
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    const focusKey = active && main.contains(active) ? active.getAttribute('data-focus-key') : null;
    const caret = active instanceof HTMLInputElement ? active.value.length : null;
    main.innerHTML = message.body;
    if (focusKey) {
      const again = Array.from(main.querySelectorAll('[data-focus-key]')).find((el) => el.getAttribute('data-focus-key') === focusKey);
      if (again instanceof HTMLElement) {
        again.focus();
        if (again instanceof HTMLInputElement && caret !== null) {
          try { again.setSelectionRange(again.value.length, again.value.length); } catch { /* number inputs have no selection */ }
        }
      }
    }
    if (message.state) vscode.setState(message.state);
  });

  vscode.postMessage({ type: 'ready' });
})();
