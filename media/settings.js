// Cascade settings panel (webview). Talks to the extension through the messages in
// src/editor/settingsPanel/panelProtocol.ts. No remote resources; keyboard usable throughout.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  /** @type {{tiers: any[], target: string, problems: any[], warnings: any[], keys: Record<string, boolean>, models: any[], machine?: any, status: string}} */
  let state = { tiers: [], target: 'user', problems: [], warnings: [], keys: {}, models: [], status: '' };
  let dragFrom = -1;

  const FIELDS = [
    { key: 'samples', label: 'Samples (k)', type: 'number', step: '1', hint: '0 = one greedy answer without tests (last tier only)' },
    { key: 'testsPerSample', label: 'Asserts per sample (t)', type: 'number', step: '1', hint: '0 only with k = 0' },
    { key: 'temperature', label: 'Temperature', type: 'number', step: '0.1', hint: 'used when k > 1' },
    { key: 'threshold', label: 'Threshold (θ)', type: 'number', step: '0.1', hint: '0–1; 1 = full agreement' },
    { key: 'maxTokens', label: 'Max tokens', type: 'number', step: '1', hint: 'per candidate or test sample' },
    { key: 'gpuLayers', label: 'GPU layers', type: 'text', hint: '"auto" or a number (0 = CPU only)', local: true },
    { key: 'timeoutMs', label: 'Timeout (ms)', type: 'number', step: '1000', hint: 'wait for the server\'s first byte; default 10000', server: true },
  ];
  // Fields that belong to one kind of tier (see validateTiers): switching a tier's "Runs on"
  // puts the other kind's aside on the card, and brings them back when switched back.
  const LOCAL_ONLY = ['model', 'gpuLayers', 'contextSize'];
  const SERVER_ONLY = ['server', 'model', 'apiKeyEnv', 'fim', 'timeoutMs'];

  /** A server tier is one with a `server` (an empty one too: its URL is still to be typed). */
  const isServer = (tier) => typeof tier.server === 'string';

  /** @param {string} url @returns {URL|undefined} an http(s) URL, as the engine accepts it */
  function serverUrl(url) {
    try {
      const parsed = new URL(url);
      return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  function noticeText(tier) {
    const url = serverUrl(tier.server ?? '');
    return url ? `This tier sends the current file to ${url.host}` : 'This tier sends the current file to the server whose URL you enter';
  }

  /** Whether the server tier's origin has a key stored, as the extension says (never the key itself). */
  function keyText(tier) {
    const url = serverUrl(tier.server ?? '');
    if (!url) return '';
    const stored = state.keys[url.origin];
    return stored === undefined ? 'checking…' : stored ? 'key stored' : 'no key';
  }

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
      // An empty server URL stays: the tier is still a server tier, and validation says what is missing.
      for (const [k, v] of Object.entries(tier)) if (!k.startsWith('__') && v !== undefined && v !== null && (v !== '' || k === 'server')) out[k] = v;
      return out;
    });
  }

  /** Switches tier `index` to run on this machine or on a server. */
  function setRunsOn(index, kind) {
    const tier = state.tiers[index];
    const toServer = kind === 'server';
    if (!tier || toServer === isServer(tier)) return;
    const aside = {};
    for (const key of toServer ? LOCAL_ONLY : SERVER_ONLY) {
      if (tier[key] !== undefined) aside[key] = tier[key];
      delete tier[key];
    }
    Object.assign(tier, tier[toServer ? '__server' : '__local'] ?? {});
    delete tier[toServer ? '__server' : '__local'];
    tier[toServer ? '__local' : '__server'] = aside;
    if (toServer && !isServer(tier)) tier.server = '';
    if (!toServer && tier.model === undefined) tier.model = '';
    changed();
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

  /** The fields a tier's card has an input for; problems with any other field show on the card itself. */
  function shownFields(tier) {
    const own = isServer(tier) ? ['server', 'model'] : ['model'];
    return own.concat(FIELDS.filter((f) => (isServer(tier) ? !f.local : !f.server)).map((f) => f.key));
  }

  function cardProblems(tier, index) {
    const shown = shownFields(tier);
    return state.problems.filter((p) => p.tier === index && (!p.field || !shown.includes(p.field)));
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

  /** A text field of a server tier: Server URL or Model name. */
  function serverField(index, { key, id, label, placeholder, hint, onInput }) {
    const problems = problemsFor(index, key);
    return h('div', { class: 'field server' }, [
      h('label', { for: id }, [label]),
      h('input', {
        id, type: 'text', value: state.tiers[index][key] ?? '', placeholder, spellcheck: 'false', 'aria-invalid': problems.length > 0 ? 'true' : false, 'aria-describedby': `${id}-hint`,
        oninput: (/** @type {any} */ e) => {
          const current = state.tiers[index];
          if (!current) return;
          current[key] = e.target.value;
          onInput?.(current);
          vscode.postMessage({ type: 'validate', tiers: cleanTiers() });
        },
        onchange: () => render(),
      }),
      h('span', { id: `${id}-hint`, class: problems.length ? 'error' : 'hint' }, [problems.map((p) => p.text).join(' ') || hint]),
    ]);
  }

  function serverFields(tier, index) {
    const keyId = `tier-${index}-key-status`;
    const noticeId = `tier-${index}-notice`;
    return [
      h('div', { class: 'grid wide' }, [
        serverField(index, {
          key: 'server', id: `tier-${index}-server`, label: 'Server URL', placeholder: 'http://127.0.0.1:8080',
          hint: 'base URL of an OpenAI-compatible server: llama-server, vLLM, Ollama, LM Studio, TGI',
          // The notice and key status follow the URL as it is typed.
          onInput: (current) => {
            const notice = document.getElementById(noticeId);
            if (notice) notice.textContent = noticeText(current);
            const key = document.getElementById(keyId);
            if (key) key.textContent = keyText(current);
          },
        }),
        serverField(index, {
          key: 'model', id: `tier-${index}-server-model`, label: 'Model name', placeholder: "the server's default model",
          hint: 'the name the server knows the model by (optional)',
        }),
      ]),
      h('p', { class: 'notice', id: noticeId, role: 'note' }, [noticeText(tier)]),
      ...state.warnings.filter((w) => w.tier === index).map((w) => h('p', { class: 'warning', id: `tier-${index}-warning` }, [`⚠ ${w.text}`])),
      h('div', { class: 'row' }, [
        h('button', {
          type: 'button', class: 'secondary', id: `tier-${index}-api-key`, 'aria-label': `API key for tier ${index + 1}`, 'aria-describedby': keyId,
          onclick: () => vscode.postMessage({ type: 'setApiKey', server: state.tiers[index]?.server ?? '' }),
        }, ['API key…']),
        h('span', { id: keyId, class: `key-status${state.keys[serverUrl(tier.server ?? '')?.origin ?? ''] ? ' stored' : ''}` }, [keyText(tier)]),
        h('span', { class: 'hint' }, ['kept in the OS keychain, never in settings']),
      ]),
    ];
  }

  /** "Runs on: this machine / a server", as a radio group (arrow keys move between the two). */
  function runsOn(tier, index) {
    const name = `tier-${index}-runs`;
    const choice = (value, text) => h('label', { class: 'choice' }, [
      h('input', { type: 'radio', name, id: `${name}-${value}`, value, checked: (value === 'server') === isServer(tier), onchange: () => setRunsOn(index, value) }),
      text,
    ]);
    return h('fieldset', { class: 'runs-on' }, [
      h('legend', {}, ['Runs on']),
      choice('local', 'this machine'),
      choice('server', 'a server'),
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
      ...cardProblems(tier, index).map((p) => h('p', { class: 'error' }, [p.text])),
      runsOn(tier, index),
      ...(isServer(tier) ? serverFields(tier, index) : [modelPicker(tier, index)]),
      h('div', { class: 'grid' }, FIELDS.filter((f) => (isServer(tier) ? !f.local : !f.server)).map((f) => fieldInput(tier, index, f))),
      h('p', { class: 'test-result', id: `tier-${index}-test`, role: 'status' }, [tier.__test ?? '']),
    ]);
  }

  function machineSection() {
    const m = state.machine;
    if (!m) return h('p', { class: 'hint' }, ['Detecting this machine…']);
    const describe = (id) => m.presets.find((p) => p.id === id)?.description ?? '';
    const description = h('p', { class: 'hint', id: 'preset-description' }, [describe(m.recommended?.id ?? m.presets[0]?.id)]);
    const select = h('select', {
      id: 'preset', 'aria-label': 'Preset', 'aria-describedby': 'preset-description',
      onchange: (/** @type {any} */ e) => { description.textContent = describe(e.target.value); },
    }, m.presets.map((p) => h('option', { value: p.id, selected: p.id === m.recommended?.id }, [p.label])));
    return h('section', { class: 'machine', 'aria-label': 'This machine' }, [
      h('h2', {}, ['This machine']),
      h('p', {}, [m.summary]),
      m.recommended ? h('p', {}, [`Recommended: ${m.presets.find((p) => p.id === m.recommended.id)?.label ?? m.recommended.id} — ${m.recommended.reason}`]) : '',
      h('div', { class: 'row' }, [select, h('button', { type: 'button', onclick: () => vscode.postMessage({ type: 'applyPreset', presetId: /** @type {HTMLSelectElement} */ (select).value, target: state.target }) }, ['Apply preset and download'])]),
      description,
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
        h('button', { type: 'button', class: 'secondary', id: 'add-server-tier', onclick: () => { state.tiers.push({ server: '', samples: 3, testsPerSample: 4, threshold: 1 }); changed(); } }, ['Add server tier']),
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
        state.warnings = message.warnings ?? [];
        break;
      case 'keys':
        state.keys = { ...state.keys, ...message.keys };
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
