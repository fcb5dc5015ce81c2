// Cascade settings panel (webview). Talks to the extension through the messages in
// src/editor/settingsPanel/panelProtocol.ts. No remote resources; keyboard usable throughout.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  /** @type {{tiers: any[], target: string, problems: any[], models: any[], machine?: any, status: string}} */
  let state = { tiers: [], target: 'user', problems: [], models: [], status: '' };
  let dragFrom = -1;

  const FIELDS = [
    { key: 'samples', label: 'Samples (k)', type: 'number', step: '1', hint: '0 = one greedy answer without tests (last tier only)' },
    { key: 'testsPerSample', label: 'Asserts per sample (t)', type: 'number', step: '1', hint: '0 only with k = 0' },
    { key: 'temperature', label: 'Temperature', type: 'number', step: '0.1', hint: 'used when k > 1' },
    { key: 'threshold', label: 'Threshold (θ)', type: 'number', step: '0.1', hint: '0–1; 1 = full agreement' },
    { key: 'maxTokens', label: 'Max tokens', type: 'number', step: '1', hint: 'per candidate or test sample' },
    { key: 'gpuLayers', label: 'GPU layers', type: 'text', hint: '"auto" or a number (0 = CPU only)' },
  ];

  /** @param {string} tag @param {Record<string, any>} [props] @param {(Node|string)[]} [children] */
  function h(tag, props = {}, children = []) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== false) el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children) el.append(child);
    return el;
  }

  function cleanTiers() {
    return state.tiers.map((tier) => {
      const out = {};
      for (const [k, v] of Object.entries(tier)) if (!k.startsWith('__') && v !== '' && v !== undefined && v !== null) out[k] = v;
      return out;
    });
  }

  function changed() {
    vscode.postMessage({ type: 'validate', tiers: cleanTiers() });
    render();
  }

  function move(from, to) {
    if (to < 0 || to >= state.tiers.length || from === to) return;
    const [tier] = state.tiers.splice(from, 1);
    state.tiers.splice(to, 0, tier);
    changed();
    /** @type {HTMLElement|null} */ (document.querySelector(`[data-tier="${to}"] .tier-title`))?.focus();
  }

  function problemsFor(index, field) {
    return state.problems.filter((p) => p.tier === index && (field === undefined ? !p.field : p.field === field));
  }

  function fieldInput(tier, index, field) {
    const id = `tier-${index}-${field.key}`;
    const problems = problemsFor(index, field.key);
    const value = tier[field.key] ?? '';
    const input = h('input', {
      id, type: field.type, step: field.step, value, 'aria-invalid': problems.length > 0 ? 'true' : false, 'aria-describedby': `${id}-hint`,
      // By index, not the `tier` captured here: render() may keep this element while typing.
      oninput: (/** @type {any} */ e) => {
        const raw = e.target.value;
        const current = state.tiers[index];
        if (!current) return;
        current[field.key] = raw === '' ? undefined : field.type === 'number' ? Number(raw) : raw === 'auto' ? 'auto' : Number.isNaN(Number(raw)) ? raw : Number(raw);
        vscode.postMessage({ type: 'validate', tiers: cleanTiers() });
      },
      onchange: () => render(),
    });
    return h('div', { class: 'field' }, [
      h('label', { for: id }, [field.label]),
      input,
      h('span', { id: `${id}-hint`, class: problems.length ? 'error' : 'hint' }, [problems.map((p) => p.text).join(' ') || field.hint]),
    ]);
  }

  function modelPicker(tier, index) {
    const id = `tier-${index}-model`;
    const problems = problemsFor(index, 'model');
    const options = [h('option', { value: '' }, ['Choose a catalog model…'])].concat(
      state.models.map((m) => h('option', { value: `catalog:${m.uri}` }, [`${m.name} (${(m.sizeBytes / 1e9).toFixed(1)} GB${m.downloaded ? ', downloaded' : ''})`])),
    );
    return h('div', { class: 'field model' }, [
      h('label', { for: id }, ['Model']),
      h('input', {
        id, type: 'text', value: tier.model ?? '', placeholder: '/path/to/model.gguf or hf:…', 'aria-invalid': problems.length > 0 ? 'true' : false, 'aria-describedby': `${id}-hint`,
        oninput: (/** @type {any} */ e) => { if (state.tiers[index]) state.tiers[index].model = e.target.value; vscode.postMessage({ type: 'validate', tiers: cleanTiers() }); },
        onchange: () => render(),
      }),
      h('div', { class: 'row' }, [
        h('button', { type: 'button', class: 'secondary', onclick: () => vscode.postMessage({ type: 'chooseFile', index }) }, ['Choose file…']),
        h('select', {
          'aria-label': `Catalog model for tier ${index + 1}`,
          onchange: (/** @type {any} */ e) => { if (e.target.value) { tier.model = e.target.value.slice('catalog:'.length); changed(); } },
        }, options),
      ]),
      h('span', { id: `${id}-hint`, class: problems.length ? 'error' : 'hint' }, [problems.map((p) => p.text).join(' ') || 'a local .gguf file, or a catalog model']),
    ]);
  }

  function tierCard(tier, index) {
    const n = state.tiers.length;
    return h('section', {
      class: 'tier', 'data-tier': index, draggable: 'true', 'aria-label': `Tier ${index + 1}`,
      ondragstart: () => { dragFrom = index; },
      ondragover: (/** @type {DragEvent} */ e) => e.preventDefault(),
      ondrop: (/** @type {DragEvent} */ e) => { e.preventDefault(); move(dragFrom, index); },
    }, [
      h('header', {}, [
        h('h2', { class: 'tier-title', id: `tier-${index}-title`, tabindex: '0',
          onkeydown: (/** @type {KeyboardEvent} */ e) => {
            if (e.altKey && e.key === 'ArrowUp') { e.preventDefault(); move(index, index - 1); }
            if (e.altKey && e.key === 'ArrowDown') { e.preventDefault(); move(index, index + 1); }
          } }, [`Tier ${index + 1}`]),
        h('span', { class: 'hint' }, [index === 0 ? 'tried first' : index === n - 1 ? 'last: its best answer is the fallback' : '']),
        h('div', { class: 'row actions' }, [
          h('button', { type: 'button', class: 'secondary', 'aria-label': `Move tier ${index + 1} up`, disabled: index === 0, onclick: () => move(index, index - 1) }, ['↑']),
          h('button', { type: 'button', class: 'secondary', 'aria-label': `Move tier ${index + 1} down`, disabled: index === n - 1, onclick: () => move(index, index + 1) }, ['↓']),
          h('button', { type: 'button', class: 'secondary', onclick: () => vscode.postMessage({ type: 'testTier', index, tier: cleanTiers()[index] }) }, ['Test tier']),
          h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove tier ${index + 1}`, onclick: () => { state.tiers.splice(index, 1); changed(); } }, ['Remove']),
        ]),
      ]),
      ...problemsFor(index, undefined).map((p) => h('p', { class: 'error' }, [p.text])),
      modelPicker(tier, index),
      h('div', { class: 'grid' }, FIELDS.map((f) => fieldInput(tier, index, f))),
      h('p', { class: 'test-result', id: `tier-${index}-test`, role: 'status' }, [tier.__test ?? '']),
    ]);
  }

  function machineSection() {
    const m = state.machine;
    if (!m) return h('p', { class: 'hint' }, ['Detecting this machine…']);
    const select = h('select', { id: 'preset', 'aria-label': 'Preset' }, m.presets.map((p) => h('option', { value: p.id, selected: p.id === m.recommended?.id }, [p.label])));
    return h('section', { class: 'machine', 'aria-label': 'This machine' }, [
      h('h2', {}, ['This machine']),
      h('p', {}, [m.summary]),
      m.recommended ? h('p', {}, [`Recommended: ${m.presets.find((p) => p.id === m.recommended.id)?.label ?? m.recommended.id} — ${m.recommended.reason}`]) : '',
      h('div', { class: 'row' }, [select, h('button', { type: 'button', onclick: () => vscode.postMessage({ type: 'applyPreset', presetId: /** @type {HTMLSelectElement} */ (select).value, target: state.target }) }, ['Apply preset and download'])]),
    ]);
  }

  function render() {
    const live = document.activeElement;
    const active = live?.id;
    app.replaceChildren(
      h('h1', {}, ['Cascade tiers']),
      h('p', { class: 'hint' }, ['Smallest model first. A tier answers when its best candidate passes the tests it wrote; otherwise the next tier runs.']),
      machineSection(),
      ...state.tiers.map(tierCard),
      h('div', { class: 'row' }, [
        h('button', { type: 'button', class: 'secondary', id: 'add-tier', onclick: () => { state.tiers.push({ model: '', samples: 3, testsPerSample: 4, threshold: 1 }); changed(); } }, ['Add tier']),
      ]),
      h('footer', { class: 'row' }, [
        h('label', { for: 'target' }, ['Save to']),
        h('select', { id: 'target', onchange: (/** @type {any} */ e) => { state.target = e.target.value; } }, [
          h('option', { value: 'user', selected: state.target === 'user' }, ['User settings']),
          h('option', { value: 'workspace', selected: state.target === 'workspace' }, ['Workspace settings']),
        ]),
        h('button', { type: 'button', id: 'save', disabled: state.problems.length > 0 || state.tiers.length === 0, onclick: () => vscode.postMessage({ type: 'save', tiers: cleanTiers(), target: state.target }) }, ['Save']),
        h('span', { id: 'status', role: 'status' }, [state.status]),
      ]),
    );
    if (!active) return;
    const fresh = document.getElementById(active);
    // Keep the input being typed in (its caret, selection and undo history; a fresh input
    // would put the caret at the start): swap it in for its re-rendered twin when they agree.
    if (live instanceof HTMLInputElement && fresh instanceof HTMLInputElement && fresh !== live && fresh.type === live.type && fresh.value === live.value) {
      const invalid = fresh.getAttribute('aria-invalid');
      if (invalid === null) live.removeAttribute('aria-invalid');
      else live.setAttribute('aria-invalid', invalid);
      fresh.replaceWith(live);
    }
    document.getElementById(active)?.focus();
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    switch (message.type) {
      case 'state':
        // The status stays: saving changes the configuration, and the state that follows can
        // arrive after the 'saved' message.
        state = { ...state, ...message, tiers: message.tiers.map((t) => ({ ...t })) };
        break;
      case 'validation':
        state.problems = message.problems;
        break;
      case 'fileChosen':
        if (state.tiers[message.index]) state.tiers[message.index].model = message.path;
        vscode.postMessage({ type: 'validate', tiers: cleanTiers() });
        break;
      case 'tierTested':
        if (state.tiers[message.index]) state.tiers[message.index].__test = (message.ok ? '✓ ' : '✗ ') + message.text;
        break;
      case 'saved':
        state.status = `Saved to ${message.target} settings.`;
        break;
      case 'busy':
        state.status = message.text ?? '';
        break;
    }
    render();
  });

  vscode.postMessage({ type: 'ready' });
})();
