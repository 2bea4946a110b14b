/* Continuum console: a dependency-free single-page app over /api/v1 (uPlot for charts). */
'use strict';

const state = { session: null, csrf: null, timers: [], streams: [], observers: [], samples: new Map(), listeners: new Set() };
const PAGES = [
  ['status', 'Status'], ['assets', 'Assets'], ['pipelines', 'Pipelines'], ['models', 'Models'], ['placement', 'Placement'],
  ['cloud', 'Cloud'], ['packages', 'Packages'], ['config', 'Configuration'], ['security', 'Security'], ['logs', 'Logs']
];

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

class ApiError extends Error {
  constructor(status, body) { super(body.message || ('HTTP ' + status)); this.status = status; this.code = body.code; }
}

async function api(method, path, body, raw) {
  const headers = {};
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  let payload;
  if (raw instanceof FormData) { payload = raw; }
  else if (raw) { headers['Content-Type'] = 'application/octet-stream'; payload = raw; }
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new ApiError(res.status, data || {});
    if (res.status === 401 && path !== '/auth/login') { showLogin(); }
    if (err.code === 'password_change_required') { showPasswordChange(); }
    throw err;
  }
  return data;
}

function stopPage() {
  state.timers.forEach(clearInterval);
  state.timers = [];
  state.streams.forEach((es) => es.close());
  state.streams = [];
  state.observers.forEach((o) => o.disconnect());
  state.observers = [];
  state.listeners.clear();
}

function every(ms, fn) { fn(); state.timers.push(setInterval(fn, ms)); }

function can(role) {
  const order = ['viewer', 'operator', 'admin'];
  return state.session && order.indexOf(state.session.role) >= order.indexOf(role);
}

function fmtBytes(n) {
  if (n === undefined || n === null || n < 0) return '–';
  const u = ['B', 'KB', 'MB', 'GB', 'TB']; let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return n.toFixed(i ? 1 : 0) + ' ' + u[i];
}
function fmtDuration(s) {
  const d = Math.floor(s / 86400), hh = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  return (d ? d + 'd ' : '') + (hh || d ? hh + 'h ' : '') + m + 'm ' + (s % 60) + 's';
}
function fmtValue(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  return String(v);
}
function pill(status) {
  const s = String(status || '').toUpperCase();
  const cls = ['UP', 'GOOD', 'RUNNING', 'CONNECTED', 'DONE', 'OK'].includes(s) ? 'ok'
    : ['WARN', 'UNCERTAIN', 'WAITING', 'CONNECTING', 'RECONNECTING'].includes(s) ? 'warn' : 'bad';
  return h('span', { class: 'pill ' + cls }, s || '–');
}
function errorBox(e) { return h('div', { class: 'error', role: 'alert' }, e.message || String(e)); }

/* ---------- login and forced password change ---------- */

function showLogin(message) {
  stopPage();
  state.session = null; state.csrf = null;
  const user = h('input', { id: 'login-user', autocomplete: 'username', value: 'admin' });
  const pass = h('input', { id: 'login-password', type: 'password', autocomplete: 'current-password' });
  const out = h('div');
  const form = h('form', { onsubmit: async (ev) => {
    ev.preventDefault(); out.replaceChildren();
    try {
      const s = await api('POST', '/auth/login', { user: user.value, password: pass.value });
      setSession(s);
    } catch (e) { out.replaceChildren(errorBox(e)); }
  } },
    h('label', { for: 'login-user' }, 'User'), user,
    h('label', { for: 'login-password' }, 'Password',
      h('small', {}, 'First start: the one-time password is in the gateway log and in DATA/security/initial-admin-password.')),
    pass, out,
    h('div', { class: 'row' }, h('button', { class: 'primary', id: 'login-submit', type: 'submit' }, 'Sign in')));
  document.getElementById('app').replaceChildren(h('div', { class: 'login' },
    h('div', { class: 'card' }, h('div', { class: 'brand' }, h('div', { class: 'logo-mark' }), 'Continuum gateway'),
      message ? h('div', { class: 'notice' }, message) : null, form)));
  pass.focus();
}

function showPasswordChange() {
  stopPage();
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password' });
  const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password' });
  const out = h('div');
  const form = h('form', { onsubmit: async (ev) => {
    ev.preventDefault(); out.replaceChildren();
    if (next.value !== again.value) { out.replaceChildren(errorBox('The two new passwords differ.')); return; }
    try {
      await api('POST', '/auth/password', { current: current.value, password: next.value });
      setSession(await api('GET', '/auth/session'));
    } catch (e) { out.replaceChildren(errorBox(e)); }
  } },
    h('div', { class: 'notice', id: 'pw-required' }, 'This account still has its one-time password. Choose your own (at least 12 characters) before anything else.'),
    h('label', { for: 'pw-current' }, 'Current password'), current,
    h('label', { for: 'pw-new' }, 'New password'), next,
    h('label', { for: 'pw-again' }, 'New password again'), again, out,
    h('div', { class: 'row' }, h('button', { class: 'primary', id: 'pw-submit', type: 'submit' }, 'Set password')));
  document.getElementById('app').replaceChildren(h('div', { class: 'login' },
    h('div', { class: 'card' }, h('div', { class: 'brand' }, h('div', { class: 'logo-mark' }), 'Set your password'), form)));
  current.focus();
}

function setSession(s) {
  state.session = s;
  if (s.csrfToken) state.csrf = s.csrfToken;
  if (s.mustChangePassword) { showPasswordChange(); return; }
  route();
}

async function logout() {
  try { await api('POST', '/auth/logout', {}); } catch (e) { /* ended anyway */ }
  showLogin('Signed out.');
}

/* ---------- live updates (server-sent events) ---------- */

/**
 * The page's one live stream: /api/v1/events with the topics it draws (samples, models), handlers by event name.
 * Open only while the page is shown and the tab is visible: the gateway streams nothing to a page that is gone.
 */
function live(topics, handlers) {
  let es = null;
  const open = () => {
    if (es || document.hidden) return;
    es = new EventSource('/api/v1/events?topics=' + topics.join(','));
    for (const [event, fn] of Object.entries(handlers)) es.addEventListener(event, (ev) => fn(JSON.parse(ev.data)));
  };
  const close = () => { if (es) { es.close(); es = null; } };
  const onVisibility = () => (document.hidden ? close() : open());
  document.addEventListener('visibilitychange', onVisibility);
  state.streams.push({ close: () => { close(); document.removeEventListener('visibilitychange', onVisibility); } });
  open();
}

/** The channel-value stream: keeps state.samples current and hands each batch to the page's listeners. */
function liveSamples() {
  live(['samples'], { samples: (batch) => {
    for (const s of batch) state.samples.set(s.channel, s);
    state.listeners.forEach((fn) => fn(batch));
  } });
}

/** fn at most once per animation frame however often the returned trigger is called (no frames in a hidden tab). */
function perFrame(fn) {
  let queued = false;
  const run = () => { queued = false; fn(); };
  return () => { if (!queued) { queued = true; requestAnimationFrame(run); } };
}

/** Calls onChange(true|false) as el scrolls into and out of view; disconnected when the page changes. */
function whenVisible(el, onChange) {
  const io = new IntersectionObserver((entries) => onChange(entries[entries.length - 1].isIntersecting));
  io.observe(el);
  state.observers.push(io);
}

const pad2 = (n) => (n < 10 ? '0' : '') + n;
function fmtClock(ms) { const d = new Date(ms); return pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds()); }

/* ---------- shell and routing ---------- */

function shell(page, content) {
  const nav = PAGES.map(([id, label]) => h('a', { href: '#/' + id, class: id === page ? 'active' : null, id: 'nav-' + id }, label));
  document.getElementById('app').replaceChildren(h('div', { class: 'shell' },
    h('nav', { class: 'side' }, h('div', { class: 'brand' }, h('div', { class: 'logo-mark' }), 'Continuum'), nav,
      h('div', { class: 'spacer' }),
      can('admin') ? h('a', { href: '/system/console/', target: '_blank', rel: 'noopener' }, 'Felix Web Console ↗') : null,
      h('div', { class: 'who' }, h('b', { id: 'who-user' }, state.session.user), state.session.role + ' · ',
        h('a', { href: '#', id: 'logout', onclick: (e) => { e.preventDefault(); logout(); } }, 'sign out'))),
    h('main', { id: 'page' }, content)));
}

function route() {
  if (!state.session) return;
  stopPage();
  const page = (location.hash.replace(/^#\//, '') || 'status').split('/')[0];
  const render = RENDER[page] || RENDER.status;
  const main = h('div');
  shell(page, main);
  render(main).catch((e) => main.append(errorBox(e)));
}

/* ---------- pages ---------- */

const RENDER = {};

RENDER.status = async (main) => {
  const metrics = h('div', { class: 'grid' });
  const comps = h('tbody');
  main.append(h('h1', {}, 'Status'), h('p', { class: 'sub' }, 'Health of the gateway and its components.'), metrics,
    h('div', { class: 'card' }, h('h2', {}, 'Components'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Component'), h('th', {}, 'Status'), h('th', {}, 'Detail'))), comps)));
  every(5000, async () => {
    const hs = await api('GET', '/health');
    const s = hs.system;
    const memUsed = s.memoryTotalBytes ? (s.memoryTotalBytes - s.memoryFreeBytes) / s.memoryTotalBytes : 0;
    const diskUsed = s.diskTotalBytes ? (s.diskTotalBytes - s.diskFreeBytes) / s.diskTotalBytes : 0;
    const metric = (label, value, frac, id) => h('div', { class: 'card metric', id },
      h('div', { class: 'label' }, label), h('div', { class: 'value' }, value),
      frac === null ? null : (() => { const b = h('div'); b.style.width = Math.round(frac * 100) + '%'; return h('div', { class: 'bar' }, b); })());
    metrics.replaceChildren(
      metric('Health', hs.status, null, 'metric-health'),
      metric('Uptime', fmtDuration(s.uptimeSeconds), null, 'metric-uptime'),
      metric('CPU', s.cpuPercent >= 0 ? s.cpuPercent.toFixed(0) + ' %' : '–', s.cpuPercent >= 0 ? s.cpuPercent / 100 : null, 'metric-cpu'),
      metric('Memory', fmtBytes(s.memoryTotalBytes - s.memoryFreeBytes) + ' / ' + fmtBytes(s.memoryTotalBytes), memUsed, 'metric-memory'),
      metric('Disk (data)', fmtBytes(s.diskFreeBytes) + ' free', diskUsed, 'metric-disk'));
    comps.replaceChildren(...hs.components.map((c) => h('tr', {}, h('td', {}, c.name), h('td', {}, pill(c.status)), h('td', { class: 'muted' }, c.reason))));
  });
};

RENDER.assets = async (main) => {
  const assets = await api('GET', '/assets');
  main.append(h('h1', {}, 'Assets'), h('p', { class: 'sub' }, h('span', { class: 'live-dot' }), 'Live values, pushed by the gateway.'));
  if (can('operator')) main.append(await browseCard(assets));
  const gpio = await gpioCard();
  if (!assets.length) { main.append(h('div', { class: 'card muted' }, 'No asset is configured.')); if (gpio) main.append(gpio); return; }
  for (const asset of assets) {
    for (const c of asset.channels) if (c.latest) state.samples.set(c.latest.channel, c.latest);
    const cells = new Map();
    const rows = asset.channels.map((c) => {
      const id = asset.name + '/' + c.name;
      const value = h('td', { class: 'num mono', 'data-channel': id }), status = h('td', {}), time = h('td', { class: 'muted' });
      cells.set(id, { value, status, time, shown: { value: null, status: null, time: null } });
      let write = null;
      if (c.mode === 'READ_WRITE' || c.mode === 'WRITE') {
        const input = h('input', { class: 'inline', 'aria-label': 'value for ' + c.name });
        write = h('td', {}, can('operator') ? h('div', { class: 'row' }, input, h('button', { onclick: async () => {
          let v = input.value; if (c.type === 'BOOLEAN') v = v === 'true'; else if (c.type !== 'STRING') v = Number(v);
          try { await api('POST', '/assets/' + encodeURIComponent(asset.name) + '/write', { [c.name]: v }); } catch (e) { alert(e.message); }
        } }, 'Write')) : null);
      }
      return h('tr', {}, h('td', {}, c.name), h('td', { class: 'muted' }, c.type), value, h('td', { class: 'muted' }, c.unit), status, time, write || h('td'));
    });
    const numeric = asset.channels.filter((c) => ['DOUBLE', 'FLOAT', 'INTEGER', 'LONG'].includes(c.type));
    const chartBox = h('div', { class: 'chart', id: 'chart-' + asset.name });
    const table = h('table', {}, h('thead', {}, h('tr', {}, ...['Channel', 'Type', 'Value', 'Unit', 'Quality', 'Source time', ''].map((t) => h('th', {}, t)))), h('tbody', {}, rows));
    main.append(h('div', { class: 'card' }, h('h2', {}, asset.name, ' ', h('span', { class: 'muted' }, '· driver ' + asset.driver)),
      numeric.length ? chartBox : null, table));
    // Only what changed is written, once per frame, and only while the table is on screen.
    const paint = (s) => {
      const c = cells.get(s.channel), shown = c.shown;
      const value = fmtValue(s.value), time = fmtClock(s.sourceTime);
      if (value !== shown.value) { c.value.textContent = value; shown.value = value; }
      if (s.status !== shown.status) { c.status.replaceChildren(pill(s.status)); shown.status = s.status; }
      if (time !== shown.time) { c.time.textContent = time; shown.time = time; }
    };
    const pending = new Map();
    let tableShown = true;
    const flush = perFrame(() => { if (!tableShown) return; pending.forEach(paint); pending.clear(); });
    whenVisible(table, (v) => { tableShown = v; if (v) flush(); });
    for (const id of cells.keys()) { const s = state.samples.get(id); if (s) paint(s); }
    const chart = numeric.length && window.uPlot ? makeChart(chartBox, numeric.map((c) => asset.name + '/' + c.name), numeric.map((c) => c.name + (c.unit ? ' (' + c.unit + ')' : ''))) : null;
    state.listeners.add((batch) => {
      for (const s of batch) if (cells.has(s.channel)) pending.set(s.channel, s);
      flush();
      if (chart) chart.push(batch);
    });
  }
  liveSamples();
  if (gpio) main.append(gpio);
};

/** The active board's GPIO header (hardware/<board>/pins.json) with the channels that use each pin; null without a board. */
async function gpioCard() {
  let board;
  try { board = await api('GET', '/gpio/board'); } catch (e) { if (e.status === 404) return null; return h('div', { class: 'card' }, errorBox(e)); }
  const byPin = new Map(board.pins.map((p) => [p.pin, p]));
  const numeric = board.pins.length && board.pins.every((p) => /^\d+$/.test(p.pin));
  const last = numeric ? Math.max(...board.pins.map((p) => Number(p.pin))) : 0;
  const cell = (p, number) => {
    if (!p) return h('div', { class: 'pin unused', 'data-pin': number }, h('span', { class: 'pin-no' }, number), h('span', { class: 'muted' }, '–'));
    const used = p.usedBy.length > 0;
    return h('div', { class: 'pin gpio' + (used ? ' used' : ''), 'data-pin': p.pin, title: `${p.chip} line ${p.line}` + (p.pwm ? ', hardware PWM' : '') },
      h('span', { class: 'pin-no' }, p.pin), h('span', { class: 'mono' }, p.name + (p.pwm ? ' · PWM' : '')),
      h('span', { class: 'pin-use' }, used ? p.usedBy.join(', ') : ''));
  };
  let body;
  if (numeric && last <= 40) {
    const cells = [];
    for (let n = 1; n <= last + (last % 2); n++) cells.push(cell(byPin.get(String(n)), String(n)));
    body = h('div', { class: 'header-grid', id: 'gpio-header' }, cells);
  } else {
    body = h('div', { class: 'header-list', id: 'gpio-header' }, board.pins.map((p) => cell(p, p.pin)));
  }
  return h('details', { class: 'card', id: 'gpio-card', open: true }, h('summary', {}, h('b', {}, `GPIO pins · ${board.board}`), ' ',
    h('span', { class: 'muted' }, `profile ${board.profile || '–'} · ${board.provider} · ${board.pins.filter((p) => p.usedBy.length).length} of ${board.pins.length} GPIO pins in use`)),
    h('p', { class: 'muted' }, board.description), body);
}

async function browseCard(assets) {
  const drivers = await api('GET', '/drivers');
  const out = h('div', { id: 'browse-out' });
  const card = h('details', { class: 'card', id: 'browse-card' }, h('summary', {}, h('b', {}, 'Add channels from a device'), h('span', { class: 'muted' }, ' · browse a driver\'s address space (e.g. an OPC UA server) and pick variables')));
  if (!drivers.length) { card.append(h('p', { class: 'muted' }, 'No driver instance is running.')); return card; }
  const driver = h('select', { id: 'browse-driver', class: 'inline' }, drivers.map((d) => h('option', { value: d.instance }, d.instance + ' (' + d.state.toLowerCase() + ')')));
  const asset = h('input', { id: 'browse-asset', class: 'inline', list: 'browse-assets', value: assets.length ? assets[0].name : '' });
  const names = h('datalist', { id: 'browse-assets' }, assets.map((a) => h('option', { value: a.name })));
  const tree = h('ul', { class: 'tree', id: 'browse-tree' });
  const picked = new Map();
  const load = async (start, into) => {
    const node = await api('GET', `/drivers/${encodeURIComponent(driver.value)}/browse?depth=1&start=${encodeURIComponent(start)}`);
    into.replaceChildren(...node.children.map(item));
    if (!node.children.length) into.append(h('li', { class: 'muted' }, '(empty)'));
  };
  const item = (n) => {
    const props = n.channelProperties || {};
    if (Object.keys(props).length) {
      const box = h('input', { type: 'checkbox', class: 'inline browse-pick', onchange: () => { if (box.checked) picked.set(n.address, n); else picked.delete(n.address); } });
      return h('li', { 'data-address': n.address, 'data-name': n.name }, h('label', { class: 'row' }, box, n.name, h('span', { class: 'muted mono' }, ' ' + (props['+value.type'] || '') + ' · ' + n.address)));
    }
    const children = h('ul', { class: 'tree' });
    let open = false;
    const toggle = h('a', { href: '#', class: 'browse-open', onclick: async (e) => {
      e.preventDefault(); open = !open; toggle.textContent = (open ? '▾ ' : '▸ ') + n.name;
      if (open) { try { await load(n.address, children); } catch (err) { children.replaceChildren(h('li', {}, errorBox(err))); } } else children.replaceChildren();
    } }, '▸ ' + n.name);
    return h('li', { 'data-address': n.address, 'data-name': n.name }, toggle, h('span', { class: 'muted' }, ' ' + n.kind), children);
  };
  card.append(h('div', { class: 'row' }, h('label', { class: 'inline' }, 'Driver'), driver,
    h('button', { id: 'browse-start', onclick: async () => { out.replaceChildren(); picked.clear(); try { await load('', tree); } catch (e) { out.replaceChildren(errorBox(e)); } } }, 'Browse')),
    tree, h('div', { class: 'row' }, h('label', { class: 'inline', for: 'browse-asset' }, 'Add to asset'), asset, names,
      h('button', { class: 'primary', id: 'browse-add', onclick: async () => {
        if (!picked.size) { out.replaceChildren(errorBox('Pick at least one variable.')); return; }
        const channels = [...picked.values()].map((n) => ({ name: n.name.toLowerCase().replace(/[^a-z0-9_.-]/g, '_'), properties: n.channelProperties }));
        try {
          const r = await api('POST', `/assets/${encodeURIComponent(asset.value)}/channels`, { driver: driver.value, channels });
          out.replaceChildren(h('div', { class: 'notice', id: 'browse-added' }, `Added ${r.added.join(', ')} to ${r.asset}; the asset restarts with them…`));
          for (let i = 0; i < 40; i++) {
            const now = await api('GET', '/assets/' + encodeURIComponent(r.asset)).catch(() => null);
            if (now && r.added.every((c) => now.channels.some((x) => x.name === c))) break;
            await new Promise((res) => setTimeout(res, 250));
          }
          route();
        } catch (e) { out.replaceChildren(errorBox(e)); }
      } }, 'Add selected channels')), out);
  return card;
}

const CHART_SECONDS = 120;

/**
 * A live uPlot chart of the last CHART_SECONDS of the series ids. push(batch) only appends to columns; the chart
 * is drawn at most once per animation frame with every point that arrived since, not while it is scrolled out
 * of view (or the tab is hidden), without per-point legend updates, and decimated to about one point per two
 * pixels (every k-th point by arrival number, so the kept points do not jump as the window slides).
 */
function makeChart(box, ids, labels) {
  const colors = ['#4f46e5', '#06b6d4', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899', '#64748b'];
  const index = new Map(ids.map((id, i) => [id, i + 1]));
  const cols = [[], ...ids.map(() => [])];
  const shown = cols.map(() => []);
  const row = cols.map(() => null);
  let first = 0, dirty = false, onScreen = true;
  const plot = new uPlot({
    width: Math.max(300, box.clientWidth || 800), height: 220, legend: { show: true, live: false },
    scales: { x: { time: true } },
    series: [{}, ...labels.map((l, i) => ({ label: l, stroke: colors[i % colors.length], width: 1, spanGaps: true, points: { show: false } }))],
    axes: [{ stroke: '#64748b', grid: { stroke: '#eef2f7' } }, { stroke: '#64748b', grid: { stroke: '#eef2f7' } }]
  }, cols, box);
  const draw = perFrame(() => {
    if (!dirty || !onScreen) return;
    dirty = false;
    const n = cols[0].length, k = Math.ceil(n / Math.max(60, (box.clientWidth || 800) / 2));
    if (k <= 1) { plot.setData(cols); return; }
    for (let c = 0; c < cols.length; c++) {
      const from = cols[c], to = shown[c]; to.length = 0;
      for (let i = (k - (first % k)) % k; i < n; i += k) to.push(from[i]);
    }
    plot.setData(shown);
  });
  whenVisible(box, (v) => { onScreen = v; if (v) draw(); });
  return {
    push(batch) {
      let any = false;
      for (const s of batch) {
        const i = index.get(s.channel);
        if (i !== undefined && typeof s.value === 'number') { row[i] = s.value; any = true; }
      }
      if (!any) return;
      const now = Date.now() / 1000;
      for (let c = 1; c < cols.length; c++) { cols[c].push(row[c]); row[c] = null; }
      cols[0].push(now);
      // Trimmed in blocks (every ~10 s), not one shift per point.
      if (cols[0][0] < now - CHART_SECONDS - 10) {
        let drop = 0; while (cols[0][drop] < now - CHART_SECONDS) drop++;
        for (const col of cols) col.splice(0, drop);
        first += drop;
      }
      dirty = true;
      draw();
    }
  };
}

RENDER.pipelines = async (main) => {
  main.append(h('h1', {}, 'Pipelines'), h('p', { class: 'sub' }, 'Each pipeline\'s graph, state and per-component counters. Operators can edit and apply a graph; it is validated first.'));
  const list = h('div');
  main.append(list);
  const prev = new Map();
  const draw = async () => {
    const pipelines = await api('GET', '/pipelines');
    if (list.dataset.editing) return;
    list.replaceChildren(...pipelines.map((p) => pipelineCard(p, prev)));
    if (can('operator')) list.append(newPipelineCard());
  };
  every(3000, draw);
};

/* Workload placement (feature placement): where each placed-inference workload runs, why, and operator pins. */
RENDER.placement = async (main) => {
  const list = h('div');
  main.append(h('h1', {}, 'Placement'), h('p', { class: 'sub' }, 'Where each inference workload runs (local, MEC, cloud), what each placement measures, and every decision with its reason.'), list);
  const ms = (v) => v === null || v === undefined ? '–' : v.toFixed(1);
  const draw = async () => {
    let data;
    try { data = await api('GET', '/placement'); } catch (e) {
      list.replaceChildren(e.status === 503 ? h('div', { class: 'card muted', id: 'placement-absent' }, 'The placement feature is not installed on this gateway.') : errorBox(e));
      return;
    }
    if (list.querySelector('select:focus')) return;
    if (!data.workloads.length) { list.replaceChildren(h('div', { class: 'card muted' }, 'No placed-inference workload is running.')); return; }
    list.replaceChildren(...data.workloads.map((w) => {
      const r = w.requirements;
      const stats = w.stats.map((s) => h('tr', { class: s.placement === w.current ? 'current' : null },
        h('td', {}, s.placement, s.placement === w.current ? ' ◀' : ''), h('td', {}, pill(s.available ? 'UP' : 'DOWN')),
        h('td', { class: 'num' }, s.samples), h('td', { class: 'num' }, ms(s.p50Millis)), h('td', { class: 'num' }, ms(s.p99Millis)),
        h('td', { class: 'num' }, s.errorRate === null ? '–' : (s.errorRate * 100).toFixed(1) + ' %'),
        h('td', { class: 'num' }, s.bytesPerSecond === null ? '–' : fmtBytes(s.bytesPerSecond) + '/s'),
        h('td', { class: 'num' }, s.localCostMicros === null ? '–' : s.localCostMicros.toFixed(0))));
      const decisions = w.decisions.slice().reverse().map((d) => h('tr', {}, h('td', { class: 'muted' }, new Date(d.time).toLocaleTimeString()),
        h('td', {}, d.from + ' → ' + d.to), h('td', { class: 'muted' }, d.reason)));
      let pinBox = null;
      if (can('operator')) {
        const select = h('select', { 'aria-label': 'placement for ' + w.name }, ...w.placements.map((p) => h('option', { value: p, selected: p === (w.pinned || w.current) ? '' : null }, p)));
        const out = h('span');
        const act = (path, body) => async () => {
          try { await api('POST', path, body()); await draw(); } catch (e) { out.replaceChildren(errorBox(e)); }
        };
        pinBox = h('div', { class: 'row' }, select,
          h('button', { class: 'primary', id: 'pin-' + w.name.replace('/', '-'), onclick: act('/placement/pin', () => ({ workload: w.name, placement: select.value })) }, 'Pin'),
          w.pinned ? h('button', { id: 'unpin-' + w.name.replace('/', '-'), onclick: act('/placement/unpin', () => ({ workload: w.name })) }, 'Unpin') : null, out);
      }
      return h('div', { class: 'card', id: 'workload-' + w.name.replace('/', '-') },
        h('div', { class: 'row' }, h('h2', {}, w.name), h('span', { class: 'pill ' + (w.pinned ? 'warn' : 'ok') }, w.pinned ? 'PINNED' : 'AUTO'), h('span', { class: 'muted' },
          'on ' + w.current + (w.pinned ? ' (pinned)' : '') + ' · budget p99 ' + r.latencyBudgetMillis + ' ms · ' + r.privacy +
          ' · CPU ' + (w.localCpuLoad === null ? '–' : (w.localCpuLoad * 100).toFixed(0) + ' %') + ' · ' + w.windows + ' windows, ' +
          w.fallbacks + ' re-scored locally, ' + w.failed + ' failed')),
        h('table', {}, h('thead', {}, h('tr', {}, ...['Placement', 'Available', 'Samples', 'p50 (ms)', 'p99 (ms)', 'Errors', 'Uplink', 'Cost (us/window)'].map((t) => h('th', {}, t)))), h('tbody', {}, stats)),
        pinBox,
        h('details', {}, h('summary', {}, 'Decisions (' + w.decisions.length + ' latest)'),
          h('table', {}, h('tbody', {}, decisions))));
    }));
  };
  every(3000, draw);
};

function pipelineCard(p, prev) {
  const now = Date.now();
  const rows = (p.components || []).map((c) => {
    const key = p.name + '/' + c.name; const last = prev.get(key);
    const rate = last ? ((c.received - last.received) * 1000 / Math.max(1, now - last.t)).toFixed(1) : '–';
    prev.set(key, { received: c.received, t: now });
    return h('tr', {}, h('td', {}, c.name), h('td', { class: 'muted' }, c.type), h('td', {}, pill(c.state)),
      h('td', { class: 'num' }, rate), h('td', { class: 'num' }, c.received), h('td', { class: 'num' }, c.emitted),
      h('td', { class: 'num' }, c.queued), h('td', { class: 'num' }, c.dropped), h('td', { class: 'num' }, c.failed),
      h('td', { class: 'num' }, c.p99Micros.toFixed(0)));
  });
  const card = h('div', { class: 'card', id: 'pipeline-' + p.name },
    h('div', { class: 'row' }, h('h2', {}, p.name), pill(p.state)),
    p.reason ? h('div', { class: 'error' }, p.reason) : null,
    p.graph ? graphView(p.graph) : null,
    rows.length ? h('table', {}, h('thead', {}, h('tr', {}, ...['Component', 'Type', 'State', 'Rate /s', 'In', 'Out', 'Queued', 'Dropped', 'Failed', 'p99 (us)'].map((t) => h('th', {}, t)))), h('tbody', {}, rows)) : null);
  if (can('operator')) card.append(editor(p.name, JSON.stringify(p.graph || { components: [], wires: [] }, null, 2)));
  return card;
}

function editor(name, text, isNew) {
  const area = h('textarea', { 'aria-label': 'graph of ' + (name || 'new pipeline') });
  area.value = text;
  const nameInput = isNew ? h('input', { class: 'inline', placeholder: 'pipeline name', 'aria-label': 'pipeline name' }) : null;
  const out = h('div');
  const box = h('details', { ontoggle: (e) => { const l = e.target.closest('#page > div > div'); if (l) { if (e.target.open) l.dataset.editing = '1'; else delete l.dataset.editing; } } },
    h('summary', {}, isNew ? 'New pipeline' : 'Edit graph'), nameInput ? h('label', {}, 'Name') : null, nameInput, h('label', {}, 'Graph (JSON)'), area, out,
    h('div', { class: 'row' }, h('button', { class: 'primary', onclick: async () => {
      out.replaceChildren();
      let graph; try { graph = JSON.parse(area.value); } catch (e) { out.replaceChildren(errorBox('Not valid JSON: ' + e.message)); return; }
      try {
        await api('PUT', '/pipelines/' + encodeURIComponent(isNew ? nameInput.value : name), graph);
        out.replaceChildren(h('div', { class: 'notice' }, 'Applied.'));
      } catch (e) { out.replaceChildren(errorBox(e)); }
    } }, 'Validate and apply')));
  return box;
}
function newPipelineCard() { return h('div', { class: 'card' }, editor('', JSON.stringify({ components: [], wires: [] }, null, 2), true)); }

function graphView(graph) {
  const comps = graph.components || [], wires = graph.wires || [];
  const depth = new Map(comps.map((c) => [c.name, 0]));
  for (let i = 0; i < comps.length; i++) for (const w of wires) if (depth.has(w.receiver)) depth.set(w.receiver, Math.max(depth.get(w.receiver), (depth.get(w.emitter) || 0) + 1));
  const cols = new Map(); const pos = new Map();
  for (const c of comps) { const d = depth.get(c.name); const row = cols.get(d) || 0; cols.set(d, row + 1); pos.set(c.name, { x: 20 + d * 190, y: 16 + row * 64 }); }
  const width = 40 + (Math.max(0, ...depth.values()) + 1) * 190, height = 30 + Math.max(1, ...cols.values()) * 64;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg'); svg.setAttribute('viewBox', `0 0 ${width} ${height}`); svg.style.maxWidth = width + 'px';
  const el = (tag, attrs, text) => { const e = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); if (text) e.textContent = text; svg.append(e); return e; };
  for (const w of wires) { const a = pos.get(w.emitter), b = pos.get(w.receiver); if (a && b) el('path', { d: `M${a.x + 150} ${a.y + 22} C${a.x + 170} ${a.y + 22}, ${b.x - 20} ${b.y + 22}, ${b.x} ${b.y + 22}` }); }
  for (const c of comps) { const p = pos.get(c.name); el('rect', { x: p.x, y: p.y, width: 150, height: 44 }); el('text', { x: p.x + 12, y: p.y + 19 }, c.name); el('text', { x: p.x + 12, y: p.y + 35, class: 'kind' }, c.type); }
  return h('div', { class: 'graph' }, svg);
}

RENDER.models = async (main) => {
  main.append(h('h1', {}, 'Models'), h('p', { class: 'sub' }, 'Versions, shadow candidates, promotion and rollback. Uploads are validated before they serve.'));
  const table = h('tbody');
  main.append(h('div', { class: 'card' }, h('table', {}, h('thead', {}, h('tr', {}, ...['Model', 'Active', 'Previous', 'Shadow', 'Provider', 'Scored', ''].map((t) => h('th', {}, t)))), table)));
  const act = (name, what) => async () => { try { await api('POST', `/models/${encodeURIComponent(name)}/${what}`, {}); draw(); } catch (e) { alert(e.message); } };
  const draw = async () => {
    let models;
    try { models = await api('GET', '/models'); } catch (e) { table.replaceChildren(h('tr', {}, h('td', { colspan: 7 }, errorBox(e)))); return; }
    table.replaceChildren(...models.map((m) => h('tr', { id: 'model-' + m.name }, h('td', {}, m.name), h('td', { class: 'mono active' }, m.activeVersion),
      h('td', { class: 'mono' }, m.previousVersion || '–'), h('td', { class: 'mono' }, m.shadowVersion || '–'), h('td', {}, m.provider),
      h('td', { class: 'num' }, m.scored),
      h('td', {}, can('operator') ? h('div', { class: 'row' },
        m.shadowVersion ? h('button', { class: 'model-promote', onclick: act(m.name, 'promote') }, 'Promote') : null,
        m.shadowVersion ? h('button', { class: 'model-discard', onclick: act(m.name, 'discard-shadow') }, 'Discard shadow') : null,
        m.previousVersion ? h('button', { class: 'model-rollback', onclick: act(m.name, 'rollback') }, 'Roll back') : null) : null))));
  };
  every(5000, draw);
  modelCharts(main);
  if (!can('operator')) return;
  const signed = h('input', { type: 'file', accept: '.json', id: 'model-signed' });
  const onnx = h('input', { type: 'file', accept: '.onnx', id: 'model-file' });
  const manifest = h('input', { type: 'file', accept: '.json', id: 'manifest-file' });
  const shadow = h('input', { type: 'checkbox', id: 'model-shadow', class: 'inline' });
  const out = h('div', { id: 'model-result' });
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Upload a model version'),
    h('p', { class: 'muted' }, 'Like a remote MODEL-V1 update, a model is installed only with its signed update manifest (NAME-VERSION.update.json from UpdateTool model), verified against the update agent\'s trust anchors, then validated by the inference service.'),
    h('label', { for: 'model-signed' }, 'Signed update manifest (.update.json)'), signed,
    h('label', { for: 'model-file' }, 'ONNX file'), onnx, h('label', { for: 'manifest-file' }, 'Model manifest (JSON)'), manifest,
    h('label', { class: 'row' }, shadow, 'Run in shadow first'), out,
    h('button', { class: 'primary', id: 'model-upload', onclick: async () => {
      out.replaceChildren();
      if (!signed.files[0] || !onnx.files[0] || !manifest.files[0]) { out.append(errorBox('Choose the signed update manifest, the .onnx file and its model manifest.')); return; }
      const form = new FormData(); form.append('manifest', signed.files[0]); form.append('model', onnx.files[0]); form.append('modelManifest', manifest.files[0]);
      const bar = progressBar(); const label = h('div', { class: 'muted', id: 'model-step' }, 'Verifying the signature…');
      out.append(bar.el, label);
      try {
        let job = await api('POST', '/models?shadow=' + shadow.checked, undefined, form);
        while (job.state === 'RUNNING') { bar.set(job.percent); label.textContent = job.step + '…'; await new Promise((r) => setTimeout(r, 400)); job = await api('GET', '/jobs/' + job.id); }
        bar.end(job.state === 'DONE');
        label.textContent = job.state === 'DONE' ? 'Verified, validated and ' + (shadow.checked ? 'running in shadow.' : 'active.') : `Rejected (${job.reason}): ${job.message}`;
        draw();
      } catch (e) { bar.end(false); label.replaceChildren(errorBox(e)); }
    } }, 'Upload and validate')));
};

/**
 * Live charts per model, pushed once a second by the models topic of the live stream: windows scored per second
 * (from the service's counter and the gateway's clock), the distribution of the recent scores (fixed bins,
 * the last minute) with the threshold, and the drift PSI of each input and of the score against the model's
 * reference distribution (once the drift window is full).
 */
function modelCharts(main) {
  const box = h('div', { id: 'model-charts' });
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Scores and drift'),
    h('p', { class: 'muted' }, 'Windows scored per second; the distribution of the scores of the last minute (bins at or above the score threshold in red); and the population stability index (PSI) of each input and of the score against the model\'s reference distribution (shown once the drift window is full); at or above the threshold a feature counts as drifting.'), box));
  const charts = new Map();
  const update = (m) => {
    let c = charts.get(m.name);
    if (!c) {
      const rateBox = h('div', { class: 'chart', id: 'rate-' + m.name, 'data-points': '0' });
      const hist = scoreHistogram(m.name);
      const driftBox = h('div', { id: 'drift-' + m.name });
      const info = h('div', { class: 'drift-info', id: 'drift-info-' + m.name });
      box.append(h('h3', {}, m.name), rateBox, hist.el, info, driftBox);
      c = { rateBox, driftBox, info, hist, rate: window.uPlot ? makeChart(rateBox, ['scored'], ['windows scored / s']) : null, drift: null, points: 0, last: null, infoText: null };
      charts.set(m.name, c);
    }
    if (c.last && c.rate && m.time > c.last.time) {
      c.rate.push([{ channel: 'scored', value: Math.max(0, m.scored - c.last.scored) * 1000 / (m.time - c.last.time) }]);
      c.rateBox.dataset.points = String(++c.points);
    }
    c.last = m;
    if (m.scores) c.hist.set(m.scores);
    const d = m.drift;
    if (!d) return;
    const features = Object.keys(d.psi).sort();
    const infoText = JSON.stringify([m.scored, d]);
    if (infoText !== c.infoText) {
      c.infoText = infoText;
      c.info.replaceChildren(...[h('span', { class: 'muted' }, `version ${d.version} · ${m.scored} windows scored · ${d.observations} in the drift window · PSI threshold ${d.threshold} `),
        features.length ? (d.drifting.length ? h('span', { class: 'pill bad' }, 'drifting: ' + d.drifting.join(', ')) : h('span', { class: 'pill ok' }, 'no drift'))
          : h('span', { class: 'pill' }, 'collecting'),
        features.length ? h('table', { class: 'psi' }, h('tbody', {}, features.map((f) => h('tr', { 'data-feature': f }, h('td', {}, f), h('td', { class: 'num mono' }, d.psi[f].toFixed(4)))))) : null].filter(Boolean));
    }
    if (features.length && !c.drift && window.uPlot) {
      c.driftBox.className = 'chart';
      c.drift = makeChart(c.driftBox, [...features, 'threshold'], [...features.map((f) => 'PSI ' + f), 'threshold']);
    }
    if (c.drift) c.drift.push([...features.map((f) => ({ channel: f, value: d.psi[f] })), { channel: 'threshold', value: d.threshold }]);
  };
  live(['models'], { models: (models) => models.forEach(update) });
}

/** A bar per score bin (heights relative to the fullest bin); bars rebuilt only when the bins change. */
function scoreHistogram(name) {
  const bars = h('div', { class: 'hist-bars' });
  const axis = h('div', { class: 'hist-axis muted mono' });
  const caption = h('div', { class: 'muted', id: 'hist-caption-' + name });
  const el = h('div', { class: 'hist', id: 'hist-' + name, 'data-total': '0' }, bars, axis, caption);
  let key = null, cells = [];
  const fmt = (x) => (Math.abs(x) >= 100 || x === 0 ? String(Math.round(x)) : x.toPrecision(2));
  return {
    el,
    set(d) {
      const k = d.version + '|' + d.edges.join(',');
      if (k !== key) {
        key = k;
        cells = d.counts.map((_, b) => {
          const low = b === 0 ? null : d.edges[b - 1], high = b === d.edges.length ? null : d.edges[b];
          const over = d.kind === 'THRESHOLD' && low !== null && low >= d.threshold;
          const bar = h('div', { class: 'hist-bar' + (over ? ' over' : ''), 'data-bin': String(b) });
          bar.dataset.range = (low === null ? '< ' + fmt(high) : high === null ? '≥ ' + fmt(low) : fmt(low) + ' – ' + fmt(high));
          return { bar, ref: d.reference ? h('div', { class: 'hist-ref' }) : null };
        });
        bars.replaceChildren(...cells.map((c) => h('div', { class: 'hist-col' }, c.bar, c.ref)));
        axis.replaceChildren(h('span', {}, fmt(d.edges[0])), h('span', {}, d.kind === 'THRESHOLD' ? 'threshold ' + fmt(d.threshold) + (d.threshold > d.edges[d.edges.length - 1] ? ' (in the last bin)' : '') : ''), h('span', {}, fmt(d.edges[d.edges.length - 1])));
      }
      // Heights relative to the fullest bin, live or expected (reference proportion x windows counted).
      const expected = d.reference ? d.reference.map((p) => p * d.total) : null;
      const top = Math.max(1, ...d.counts, ...(expected || []));
      d.counts.forEach((n, b) => {
        const { bar, ref } = cells[b];
        bar.style.height = (100 * n / top).toFixed(1) + '%';
        if (ref) ref.style.bottom = (100 * expected[b] / top).toFixed(1) + '%';
        if (bar.dataset.count === String(n)) return;
        bar.dataset.count = String(n);
        bar.title = bar.dataset.range + ': ' + n + (expected ? ' (reference ' + expected[b].toFixed(1) + ')' : '');
      });
      el.dataset.total = String(d.total);
      caption.textContent = `score distribution of version ${d.version}: ${d.total} windows in the last ${d.periodSeconds} s` + (d.reference ? ' (dark marks: the training reference)' : '');
    }
  };
}

/** A progress bar: indeterminate until set(percent) is called with a percent >= 0. */
function progressBar() {
  const fill = h('div'); const el = h('div', { class: 'progress' }, fill);
  return {
    el,
    set(percent) { if (percent >= 0) { el.className = 'progress known'; fill.style.width = percent + '%'; } },
    end(ok) { fill.style.width = ''; el.className = 'progress ' + (ok ? 'done' : 'failed'); }
  };
}

RENDER.cloud = async (main) => {
  main.append(h('h1', {}, 'Cloud'), h('p', { class: 'sub' }, 'Northbound endpoints: connection, round-trip time and outbox.'));
  const body = h('tbody');
  main.append(h('div', { class: 'card' }, h('table', {}, h('thead', {}, h('tr', {}, ...['Endpoint', 'State', 'Broker', 'RTT', 'Published', 'Acked', 'Outbox', 'Fill', 'Last error'].map((t) => h('th', {}, t)))), body)));
  every(3000, async () => {
    const eps = await api('GET', '/endpoints');
    body.replaceChildren(...eps.map((e) => h('tr', {}, h('td', {}, e.name), h('td', {}, pill(e.state)), h('td', { class: 'mono' }, e.broker),
      h('td', { class: 'num' }, e.rttMillis >= 0 ? e.rttMillis + ' ms' : '–'), h('td', { class: 'num' }, e.published), h('td', { class: 'num' }, e.acknowledged),
      h('td', { class: 'num' }, e.outbox.messages), h('td', { class: 'num' }, (e.outbox.capacityBytes ? 100 * e.outbox.bytes / e.outbox.capacityBytes : 0).toFixed(1) + ' %'), h('td', { class: e.outbox.storeError ? 'bad-text' : 'muted' }, e.outbox.storeError || e.lastError || ''))));
    if (!eps.length) body.append(h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'No endpoint is configured.')));
  });
};

RENDER.packages = async (main) => {
  main.append(h('h1', {}, 'Packages'), h('p', { class: 'sub' }, 'Deployment packages installed on this gateway.'));
  const body = h('tbody');
  main.append(h('div', { class: 'card' }, h('table', {}, h('thead', {}, h('tr', {}, ...['Package', 'Version', 'Bundles', ''].map((t) => h('th', {}, t)))), body)));
  const draw = async () => {
    const pkgs = await api('GET', '/packages');
    body.replaceChildren(...pkgs.map((p) => h('tr', {}, h('td', {}, p.name), h('td', { class: 'mono' }, p.version), h('td', { class: 'muted' }, p.bundles.join(', ')),
      h('td', {}, can('admin') ? h('button', { class: 'danger', onclick: async () => { if (confirm('Uninstall ' + p.name + '?')) { try { await api('DELETE', '/packages/' + encodeURIComponent(p.name)); draw(); } catch (e) { alert(e.message); } } } }, 'Uninstall') : null))));
    if (!pkgs.length) body.append(h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'No deployment package installed.')));
  };
  await draw();
  if (!can('admin')) return;
  const file = h('input', { type: 'file', accept: '.dp', id: 'dp-file' });
  const signed = h('input', { type: 'file', accept: '.json', id: 'dp-manifest' });
  const out = h('div', { id: 'dp-result' });
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Install or update from a file'),
    h('p', { class: 'muted' }, 'Like a remote update, the package is installed only with its signed manifest (NAME-VERSION.dp.update.json), verified against the update agent\'s trust anchors, health-checked and rolled back if it fails.'),
    h('label', { for: 'dp-file' }, 'Package (.dp)'), file, h('label', { for: 'dp-manifest' }, 'Signed manifest (.dp.update.json)'), signed, out,
    h('div', { class: 'row' }, h('button', { class: 'primary', id: 'dp-install', onclick: async () => {
      out.replaceChildren();
      if (!file.files[0] || !signed.files[0]) { out.append(errorBox('Choose the .dp file and its signed manifest.')); return; }
      const form = new FormData(); form.append('manifest', signed.files[0]); form.append('package', file.files[0]);
      const bar = h('div', { class: 'progress' }, h('div')); const label = h('div', { class: 'muted' }, 'Verifying and installing…');
      out.append(bar, label);
      try {
        const r = await api('POST', '/packages', undefined, form);
        bar.className = 'progress done'; label.textContent = `Installed ${r.name} ${r.version}` + (r.previousVersion ? ` (was ${r.previousVersion})` : '') + '.';
        draw();
      } catch (e) { bar.className = 'progress failed'; label.replaceChildren(errorBox(e)); }
    } }, 'Install'))));
  const url = h('input', { id: 'dp-url', placeholder: 'https://updates.example.com/NAME-VERSION.dp.update.json' });
  const fromUrl = h('div', { id: 'dp-url-result' });
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Install or update from a URL'),
    h('p', { class: 'muted' }, 'The update agent downloads the signed manifest and the package beside it (resumable, size-bounded), then verifies, installs and health-checks it like any remote update.'),
    h('label', { for: 'dp-url' }, 'Signed manifest URL (.dp.update.json)'), url, fromUrl,
    h('div', { class: 'row' }, h('button', { class: 'primary', id: 'dp-url-install', onclick: async () => {
      fromUrl.replaceChildren();
      const bar = progressBar(); const label = h('div', { class: 'muted', id: 'dp-url-step' }, 'Fetching the signed manifest…');
      fromUrl.append(bar.el, label);
      try {
        let job = await api('POST', '/packages/url', { url: url.value.trim() });
        while (job.state === 'RUNNING') {
          bar.set(job.percent); label.textContent = job.step + (job.bytes ? ` · ${fmtBytes(job.bytes)}` : '') + '…';
          await new Promise((r) => setTimeout(r, 300)); job = await api('GET', '/jobs/' + job.id);
        }
        bar.end(job.state === 'DONE');
        if (job.state === 'DONE') label.textContent = `Downloaded ${fmtBytes(job.bytes)} and ${job.step}.`;
        else label.replaceChildren(errorBox(`Refused (${job.reason}): ${job.message}`));
        draw();
      } catch (e) { bar.end(false); label.replaceChildren(errorBox(e)); }
    } }, 'Download and install'))));
};

RENDER.config = async (main) => {
  main.append(h('h1', {}, 'Configuration'), h('p', { class: 'sub' }, 'Every configurable component, with a form generated from its MetaType description.'));
  const pids = await api('GET', '/config');
  const list = h('div', { class: 'card' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Component'), h('th', {}, 'PID'), h('th', {}, 'Kind'))),
    h('tbody', {}, pids.map((c) => h('tr', {}, h('td', {}, h('a', { href: '#/config/' + c.pid }, c.name || c.pid)), h('td', { class: 'mono muted' }, c.pid),
      h('td', {}, c.factory ? (c.instances.length + ' instance(s)') : (c.values ? 'configured' : 'defaults')))))));
  const selected = location.hash.split('/')[2];
  const c = pids.find((p) => p.pid === selected);
  if (c) main.append(configForm(c)); else main.append(snapshotsCard(), list);
};

function fmtJson(v) { return v === null || v === undefined ? '–' : (typeof v === 'string' ? v : JSON.stringify(v)); }

function diffView(diff) {
  if (!diff.changes.length) return h('div', { class: 'notice', id: 'snapshot-diff' }, 'No difference: the configuration is as in this snapshot.');
  return h('div', { id: 'snapshot-diff' }, h('table', {}, h('thead', {}, h('tr', {}, ...['Configuration', 'Change', 'Property', 'In the snapshot', (diff.to === 'current' ? 'Now' : diff.to)].map((t) => h('th', {}, t)))),
    h('tbody', {}, diff.changes.flatMap((c) => (c.properties.length ? c.properties : [{ key: '', before: null, after: null }]).map((p, i) => h('tr', { 'data-pid': c.pid },
      h('td', { class: 'mono' }, i === 0 ? c.pid : ''), h('td', {}, i === 0 ? h('span', { class: 'pill ' + (c.change === 'changed' ? 'warn' : c.change === 'added' ? 'ok' : 'bad') }, c.change) : ''),
      h('td', { class: 'mono' }, p.key), h('td', { class: 'mono muted' }, fmtJson(p.before)), h('td', { class: 'mono' }, fmtJson(p.after))))))));
}

function snapshotsCard() {
  const body = h('tbody'); const out = h('div', { id: 'snapshot-out' });
  const card = h('div', { class: 'card', id: 'snapshots' }, h('h2', {}, 'Snapshots'),
    h('p', { class: 'muted' }, 'Every configuration at one moment (secrets encrypted). One is taken automatically before each change; restore rolls the gateway back to it.'));
  const act = (fn) => async () => { try { await fn(); } catch (e) { out.replaceChildren(errorBox(e)); } };
  const draw = async () => {
    const list = await api('GET', '/snapshots');
    body.replaceChildren(...list.map((s) => h('tr', { id: 'snapshot-' + s.id }, h('td', { class: 'mono' }, new Date(s.time).toLocaleString()),
      h('td', {}, s.reason), h('td', {}, s.user), h('td', {}, s.automatic ? h('span', { class: 'pill' }, 'auto') : h('span', { class: 'pill ok' }, 'manual')),
      h('td', { class: 'num' }, s.configurations),
      h('td', {}, h('div', { class: 'row nowrap' },
        h('button', { class: 'snapshot-diff', onclick: act(async () => out.replaceChildren(h('h2', {}, 'Changes since ' + s.id), diffView(await api('GET', `/snapshots/${s.id}/diff?to=current`)))) }, 'Diff with now'),
        can('admin') ? h('button', { class: 'primary snapshot-restore', onclick: act(async () => {
          if (!confirm('Restore the configuration of ' + new Date(s.time).toLocaleString() + '?')) return;
          const bar = h('div', { class: 'progress' }, h('div')); out.replaceChildren(bar);
          const restore = async (includeTrust) => {
            const r = await api('POST', `/snapshots/${s.id}/restore` + (includeTrust ? '?includeTrust=true' : ''), {});
            bar.className = 'progress done';
            out.append(h('div', { class: 'notice', id: 'snapshot-restored' }, `Restored ${r.restored}: ${r.updated.length} updated, ${r.created.length} created, ${r.deleted.length} deleted, ${r.unchanged} unchanged. Undo by restoring ${r.before}.`));
            if (r.held.length) {
              out.append(h('div', { class: 'notice warn', id: 'snapshot-held' }, `Held back: ${r.held.join(', ')} (the update agent's trust anchors). Restoring it could bring back a signing key that was removed since. `,
                h('button', { class: 'danger', id: 'snapshot-include-trust', onclick: act(async () => {
                  if (!confirm('Also restore the update agent\'s trust anchors from this snapshot?')) return;
                  out.replaceChildren(bar); await restore(true);
                }) }, 'Restore the trust anchors too')));
            }
            draw();
          };
          await restore(false);
        }) }, 'Restore') : null,
        can('admin') ? h('button', { class: 'danger', onclick: act(async () => { if (confirm('Delete snapshot ' + s.id + '?')) { await api('DELETE', '/snapshots/' + s.id); draw(); } }) }, 'Delete') : null)))));
    if (!list.length) body.append(h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No snapshot yet.')));
  };
  const reason = h('input', { id: 'snapshot-reason', placeholder: 'reason (optional)', class: 'inline' });
  if (can('admin')) card.append(h('div', { class: 'row' }, reason, h('button', { class: 'primary', id: 'snapshot-take', onclick: act(async () => {
    const s = await api('POST', '/snapshots', { reason: reason.value }); reason.value = ''; out.replaceChildren(h('div', { class: 'notice' }, 'Snapshot ' + s.id + ' taken.')); draw();
  }) }, 'Take snapshot')));
  card.append(h('table', {}, h('thead', {}, h('tr', {}, ...['Time', 'Reason', 'User', '', 'Configurations', ''].map((t) => h('th', {}, t)))), body), out);
  draw().catch((e) => out.replaceChildren(errorBox(e)));
  return card;
}

function configForm(c) {
  const card = h('div', { class: 'card' }, h('h2', {}, c.name), h('p', { class: 'muted' }, c.description || ''), h('p', { class: 'mono muted' }, c.pid));
  const forms = c.factory ? c.instances.map((i) => [i.pid, i.values]) : [[c.pid, c.values]];
  if (c.factory && can('admin')) forms.push([null, null]);
  for (const [pid, values] of forms) {
    const inputs = new Map(); const out = h('div');
    const fields = c.attributes.map((a) => {
      const current = values && values[a.id] !== undefined ? values[a.id] : (a.default ? (a.cardinality ? a.default : a.default[0]) : '');
      let input;
      if (a.options) { input = h('select', {}, a.options.map((o) => h('option', { value: o.value, selected: String(current) === o.value }, o.label))); }
      else if (a.type === 'Boolean') { input = h('input', { type: 'checkbox', class: 'inline', checked: String(current) === 'true' }); }
      else { input = h('input', { type: a.type === 'Password' ? 'password' : 'text', value: Array.isArray(current) ? current.join(',') : current }); }
      if (!can('admin')) input.disabled = true;
      inputs.set(a.id, [a, input]);
      return h('div', {}, h('label', {}, a.name || a.id, h('small', {}, a.description || '')), input);
    });
    card.append(h('div', { class: 'card' }, h('h2', {}, pid ? pid : 'New instance'), fields, out,
      can('admin') ? h('button', { class: 'primary', onclick: async () => {
        const props = {};
        for (const [id, [a, input]] of inputs) {
          if (a.type === 'Password' && input.value === '********') continue;
          const v = a.type === 'Boolean' ? input.checked : input.value;
          props[id] = a.cardinality && typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
        }
        try {
          if (pid) await api('PUT', '/config/' + encodeURIComponent(pid), { properties: props });
          else await api('POST', '/config/' + encodeURIComponent(c.pid) + '/instances', { properties: props });
          out.replaceChildren(h('div', { class: 'notice' }, 'Saved.'));
        } catch (e) { out.replaceChildren(errorBox(e)); }
      } }, 'Save') : null));
  }
  return card;
}

RENDER.security = async (main) => {
  main.append(h('h1', {}, 'Security'), h('p', { class: 'sub' }, 'Accounts and roles. admin: everything; operator: assets, pipelines, models; viewer: read only.'));
  const cur = h('input', { type: 'password', id: 'own-current', autocomplete: 'current-password' });
  const next = h('input', { type: 'password', id: 'own-new', autocomplete: 'new-password' });
  const out = h('div');
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Your password'), h('label', {}, 'Current'), cur, h('label', {}, 'New (at least 12 characters)'), next, out,
    h('button', { class: 'primary', onclick: async () => {
      try { await api('POST', '/auth/password', { current: cur.value, password: next.value }); out.replaceChildren(h('div', { class: 'notice' }, 'Password changed.')); }
      catch (e) { out.replaceChildren(errorBox(e)); }
    } }, 'Change password')));
  main.append(await certificatesCard());
  if (!can('admin')) return;
  const body = h('tbody');
  const draw = async () => {
    const users = await api('GET', '/users');
    body.replaceChildren(...users.map((u) => h('tr', {}, h('td', {}, u.name), h('td', {}, h('span', { class: 'pill' }, u.role.toLowerCase())),
      h('td', {}, u.mustChangePassword ? h('span', { class: 'pill warn' }, 'must change password') : ''),
      h('td', {}, u.name === 'admin' ? null : h('button', { class: 'danger', onclick: async () => { if (confirm('Remove ' + u.name + '?')) { await api('DELETE', '/users/' + encodeURIComponent(u.name)); draw(); } } }, 'Remove')))));
  };
  const name = h('input', { id: 'user-name', placeholder: 'name' });
  const role = h('select', { id: 'user-role' }, ['viewer', 'operator', 'admin'].map((r) => h('option', { value: r }, r)));
  const pw = h('input', { id: 'user-password', type: 'password', placeholder: 'initial password (12+)', autocomplete: 'new-password' });
  const uout = h('div');
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Users'), h('table', {}, h('thead', {}, h('tr', {}, ...['User', 'Role', '', ''].map((t) => h('th', {}, t)))), body)),
    h('div', { class: 'card' }, h('h2', {}, 'Add or reset a user'), h('p', { class: 'muted' }, 'The user must change this password at first login.'),
      h('div', { class: 'row' }, name, role, pw, h('button', { class: 'primary', id: 'user-add', onclick: async () => {
        try { await api('PUT', '/users/' + encodeURIComponent(name.value), { role: role.value, password: pw.value }); uout.replaceChildren(); draw(); }
        catch (e) { uout.replaceChildren(errorBox(e)); }
      } }, 'Save user')), uout));
  await draw();
};

async function certificatesCard() {
  const card = h('div', { class: 'card', id: 'certificates' });
  const certRow = (c, actions) => h('tr', { 'data-sha1': c.sha1 }, h('td', {}, c.subject, h('div', { class: 'muted mono' }, 'SHA-1 ' + c.sha1)),
    h('td', { class: 'muted' }, c.issuer === c.subject ? 'self-signed' : c.issuer), h('td', { class: 'mono' }, c.notAfter.slice(0, 10), c.expired ? h('span', { class: 'pill bad' }, 'expired') : null),
    h('td', {}, h('div', { class: 'row nowrap' }, ...actions)));
  const table = (list, actions, empty, id) => h('table', { id }, h('thead', {}, h('tr', {}, ...['Subject', 'Issuer', 'Valid until', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, list.length ? list.map((c) => certRow(c, actions(c))) : h('tr', {}, h('td', { colspan: 4, class: 'muted' }, empty))));
  const draw = async () => {
    const certs = await api('GET', '/certificates');
    const act = (method, path) => async () => { try { await api(method, path, method === 'POST' ? {} : undefined); draw(); } catch (e) { card.append(errorBox(e)); } };
    const admin = can('admin');
    card.replaceChildren(h('h2', {}, 'Certificates and trust lists'),
      h('p', { class: 'muted' }, 'HTTPS: ', certs.https ? certs.https.subject + ' · valid until ' + certs.https.notAfter.slice(0, 10) + ' · SHA-256 ' + certs.https.sha256 : 'not generated yet'),
      h('p', { class: 'muted' }, 'OPC UA client certificate: ', certs.opcua.own ? certs.opcua.own.subject + ' · SHA-1 ' + certs.opcua.own.sha1 : 'none yet (made at the first secure connection)', ' · ', h('span', { class: 'mono' }, certs.opcua.directory)),
      h('h2', {}, 'OPC UA server certificates rejected'),
      table(certs.opcua.rejected, (c) => admin ? [h('button', { class: 'primary cert-trust', onclick: act('POST', `/certificates/opcua/rejected/${c.sha1}/trust`) }, 'Trust'),
        h('button', { class: 'danger', onclick: act('DELETE', `/certificates/opcua/rejected/${c.sha1}`) }, 'Discard')] : [], 'No rejected certificate.', 'certs-rejected'),
      h('h2', {}, 'Trusted OPC UA servers'),
      table(certs.opcua.trusted, (c) => admin ? [h('button', { class: 'danger cert-untrust', onclick: act('DELETE', `/certificates/opcua/trusted/${c.sha1}`) }, 'Remove')] : [], 'No trusted server certificate.', 'certs-trusted'),
      ...(certs.opcua.issuers.length ? [h('div', {}, h('h2', {}, 'Trusted issuers (CAs)'), table(certs.opcua.issuers, (c) => admin ? [h('button', { class: 'danger issuer-remove', onclick: act('DELETE', `/certificates/opcua/issuers/${c.sha1}`) }, 'Remove')] : [], '', 'certs-issuers'))] : []),
      crlTable([...certs.opcua.crls.trusted.map((c) => ({ ...c, list: 'trusted' })), ...certs.opcua.crls.issuers.map((c) => ({ ...c, list: 'issuers' }))],
        admin ? (c) => act('DELETE', `/certificates/opcua/${c.list}/crls/${c.sha1}`) : null),
      admin ? pkiUploads(draw) : null);
  };
  await draw();
  return card;
}

/** The CRLs of both OPC UA lists; remove(c) gives an admin's Remove action (null: no button). */
function crlTable(crls, remove) {
  return h('div', {}, h('h2', {}, 'Certificate revocation lists'), h('table', { id: 'crls' }, h('thead', {}, h('tr', {}, ...['Issuer', 'List', 'This update', 'Next update', 'Revoked', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, crls.length ? crls.map((c) => h('tr', { 'data-sha1': c.sha1 }, h('td', {}, c.issuer), h('td', {}, c.list), h('td', { class: 'mono' }, c.thisUpdate.slice(0, 10)),
      h('td', { class: 'mono' }, (c.nextUpdate || '–').slice(0, 10)), h('td', { class: 'num' }, c.revoked),
      h('td', {}, remove ? h('button', { class: 'danger crl-remove', onclick: remove(c) }, 'Remove') : null))) : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No CRL.')))));
}

/** Admin uploads: a CA/server certificate or a CRL into an OPC UA trust list, and a new HTTPS key store. */
function pkiUploads(redraw) {
  const list = h('select', { id: 'pki-list', class: 'inline' }, h('option', { value: 'issuers' }, 'issuers (CAs)'), h('option', { value: 'trusted' }, 'trusted'));
  const file = h('input', { type: 'file', id: 'pki-file', accept: '.pem,.crt,.der,.cer,.crl' });
  const out = h('div', { id: 'pki-result' });
  const send = (kind) => async () => {
    out.replaceChildren();
    if (!file.files[0]) { out.append(errorBox('Choose a certificate or CRL file.')); return; }
    try {
      const r = await api('POST', `/certificates/opcua/${list.value}/${kind}`, undefined, file.files[0]);
      await redraw();
      document.getElementById('pki-result').replaceChildren(h('div', { class: 'notice' }, `Added ${r.added.length} ${kind === 'crls' ? 'CRL' : 'certificate'}(s) to ${list.value}: ` + r.added.map((a) => a.subject || a.issuer).join('; ')));
    } catch (e) { out.replaceChildren(errorBox(e)); }
  };
  const store = h('input', { type: 'file', id: 'https-keystore', accept: '.p12,.pfx' });
  const password = h('input', { type: 'password', id: 'https-password', placeholder: 'key store password', autocomplete: 'off', class: 'inline' });
  const hout = h('div', { id: 'https-result' });
  return h('div', {},
    h('h2', {}, 'Add to an OPC UA trust list'),
    h('p', { class: 'muted' }, 'A CA certificate (issuers), a server or CA certificate (trusted), or a CRL signed by a CA already in a list. PEM or DER. The drivers read the lists at their next connection attempt.'),
    h('div', { class: 'row' }, list, file, h('button', { id: 'pki-add-cert', onclick: send('certs') }, 'Add certificate'), h('button', { id: 'pki-add-crl', onclick: send('crls') }, 'Add CRL')), out,
    h('h2', {}, 'Replace the HTTPS certificate'),
    h('p', { class: 'muted' }, 'A PKCS#12 key store with one private key and its certificate chain. HTTPS restarts with it; the previous key store is kept as https.p12.previous.'),
    h('div', { class: 'row' }, store, password, h('button', { class: 'danger', id: 'https-replace', onclick: async () => {
      hout.replaceChildren();
      if (!store.files[0]) { hout.append(errorBox('Choose a .p12 key store.')); return; }
      const form = new FormData(); form.append('keystore', store.files[0]); form.append('password', password.value);
      try {
        const r = await api('POST', '/certificates/https', undefined, form);
        hout.replaceChildren(h('div', { class: 'notice', id: 'https-replaced' }, `${r.https.subject} · SHA-256 ${r.https.sha256}. ${r.message}.`));
      } catch (e) { hout.replaceChildren(errorBox(e)); }
    } }, 'Replace')), hout);
}

RENDER.logs = async (main) => {
  main.append(h('h1', {}, 'Logs'), h('p', { class: 'sub' }, 'The gateway\'s log, live, and the audit log: logins, lock-outs and every change, with who, what, when and from where.'));
  if (!can('admin')) { main.append(h('div', { class: 'card muted' }, 'The logs are for administrators.')); return; }
  main.append(liveLogCard());
  const filter = h('input', { placeholder: 'filter (e.g. login.failed)', class: 'inline', id: 'log-filter' });
  const body = h('tbody');
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Audit log'), h('div', { class: 'row' }, filter), h('table', {}, h('thead', {}, h('tr', {}, ...['Time', 'User', 'Address', 'Action', 'Detail'].map((t) => h('th', {}, t)))), body)));
  every(3000, async () => {
    const log = await api('GET', '/audit?limit=300');
    const f = filter.value.trim();
    body.replaceChildren(...log.entries.reverse().filter((e) => !f || JSON.stringify(e).includes(f)).map((e) => h('tr', {},
      h('td', { class: 'mono muted' }, new Date(e.time).toLocaleString()), h('td', {}, e.user), h('td', { class: 'mono' }, e.address),
      h('td', {}, h('span', { class: 'pill ' + (/fail|lockout|reject/.test(e.action) ? 'bad' : 'ok') }, e.action)), h('td', { class: 'muted' }, e.detail))));
  });
};

function liveLogCard() {
  const level = h('select', { id: 'tail-level', class: 'inline' }, ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map((l) => h('option', { value: l, selected: l === 'INFO' }, l)));
  const text = h('input', { id: 'tail-filter', class: 'inline', placeholder: 'contains…' });
  const pause = h('input', { type: 'checkbox', id: 'tail-pause', class: 'inline' });
  const box = h('div', { class: 'tail mono', id: 'tail' });
  const status = h('span', { class: 'muted', id: 'tail-status' }, 'connecting…');
  let es = null;
  const show = (e) => {
    const f = text.value.trim();
    if (f && !(e.logger + ' ' + e.message).includes(f)) return;
    box.append(h('div', { class: 'tail-line lvl-' + e.level.toLowerCase(), 'data-level': e.level },
      h('span', { class: 'muted' }, e.time.slice(11), ' '), h('b', {}, e.level.padEnd(5), ' '), h('span', { class: 'muted' }, e.logger, ' – '), e.message));
    while (box.childElementCount > 1000) box.firstChild.remove();
    if (!pause.checked) box.scrollTop = box.scrollHeight;
  };
  const connect = () => {
    if (es) { es.close(); state.streams = state.streams.filter((s) => s !== es); }
    box.replaceChildren();
    es = new EventSource('/api/v1/events?stream=logs&level=' + level.value);
    es.addEventListener('log', (ev) => { status.replaceChildren(h('span', { class: 'live-dot' }), 'live, ' + level.value + ' and above'); JSON.parse(ev.data).forEach(show); });
    es.onerror = () => { status.textContent = 'reconnecting…'; };
    state.streams.push(es);
  };
  level.addEventListener('change', connect);
  text.addEventListener('change', connect);
  connect();
  return h('div', { class: 'card' }, h('h2', {}, 'Gateway log'), h('div', { class: 'row' }, h('label', { for: 'tail-level', class: 'inline' }, 'Level'), level, text,
    h('label', { class: 'row inline' }, pause, 'hold scroll'), status), box);
}

/* ---------- start ---------- */

window.addEventListener('hashchange', route);
(async () => {
  try { setSession(await api('GET', '/auth/session')); }
  catch (e) { if (e.code !== 'password_change_required' && e.status !== 401) showLogin(e.message); else if (e.status === 401) showLogin(); }
})();
