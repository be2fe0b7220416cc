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

  /**
   * Reads the replicas box: a whole number within its min and max (the int32 range the API server accepts), or
   * 'invalid' for a negative, fractional, too large or malformed entry, or 'empty' while nothing is typed.
   * Either way the result on show stops being current: it is dimmed until the new one arrives, or hidden and
   * replaced by the rendered error line, so a stale "Scaling from 2 to 500" never stays next to "-3".
   */
  function readReplicas() {
    const input = /** @type {HTMLInputElement | null} */ (document.getElementById('replicas'));
    const error = document.getElementById('replicas-error');
    const outcome = document.getElementById('whatif-outcome');
    if (!input || !error || !outcome) return undefined;
    const text = input.value.trim();
    const value = Number(text);
    const max = Number(input.max);
    const state = text === '' && !input.validity.badInput
      ? 'empty'
      : text === '' || !Number.isInteger(value) || value < 0 || value > max ? 'invalid' : value;
    const invalid = state === 'invalid';
    input.setAttribute('aria-invalid', String(invalid));
    error.hidden = !invalid;
    outcome.hidden = invalid;
    outcome.classList.toggle('stale', !invalid);
    outcome.setAttribute('aria-busy', String(!invalid));
    return state;
  }

  function sendWhatIf() {
    clearTimeout(whatIfTimer);
    const state = readReplicas();
    if (typeof state === 'number') vscode.postMessage({ type: 'whatIf', replicas: state });
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
    const state = readReplicas();
    if (typeof state === 'number') {
      whatIfTimer = setTimeout(sendWhatIf, 300);
    } else if (state === 'invalid' && !(/** @type {HTMLButtonElement | null} */ (document.getElementById('reset-replicas'))?.disabled ?? true)) {
      // A what-if is on show (Reset is enabled): go back to the manifest, so no table shows the old value's pods.
      // The answer re-renders the panel; the typed text and its error line are kept (see the render handler).
      vscode.postMessage({ type: 'whatIf', replicas: null });
    }
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
    // What the user is typing in the replicas box outlives an answer to an earlier value: keep it, and judge it again.
    const typed = active instanceof HTMLInputElement && active.id === 'replicas' ? active.value : null;
    main.innerHTML = message.body;
    const replicas = /** @type {HTMLInputElement | null} */ (document.getElementById('replicas'));
    if (typed !== null && replicas && replicas.value !== typed) {
      replicas.value = typed;
      clearTimeout(whatIfTimer);
      if (typeof readReplicas() === 'number') whatIfTimer = setTimeout(sendWhatIf, 300);
    }
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
