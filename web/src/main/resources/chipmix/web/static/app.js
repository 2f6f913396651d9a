// chipmix web UI: plain script over the REST API (/api/openapi.json). No build step.
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
};

// ---------- escaping: catalog text is data, never markup or a script link

/** Text for an HTML string (ECharts tooltip formatters return HTML). */
const esc = v => String(v).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The URL if it is an http(s) link, else null (a javascript: or data: URL is shown as text, never made clickable). */
const safeUrl = u => {
  try { const p = new URL(String(u)); return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null; } catch (e) { return null; }
};

// ---------- API access: every error has the shape {error: {code, message, issues: [{path, message}]}}

async function api(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { error: { code: 'bad_response', message: text, issues: [] } }; }
  return { ok: res.ok, status: res.status, body: json };
}

/**
 * Shows an error's issues next to the fields they name (fields: path -> input element; '*' takes
 * issues no other field claims) and in a list.
 */
function showIssues(list, error, fields = {}) {
  list.replaceChildren();
  $$('.invalid').forEach(e => e.classList.remove('invalid'));
  $$('.err').forEach(e => { e.textContent = ''; });
  if (!error) return;
  const issues = error.issues && error.issues.length ? error.issues : [{ path: '', message: error.message }];
  // a request form's issues say its labels; the YAML editor's keep the keys the user types there
  const words = fields['*'] ? (t => t) : inWords;
  for (const i of issues) {
    const key = Object.keys(fields).find(f => i.path === f || i.path.startsWith(f + '.') || i.path.startsWith(f + '['))
      || (fields['*'] ? '*' : null);
    if (key) {
      fields[key].classList.add('invalid');
      const slot = fields[key].parentElement.querySelector('.err');
      if (slot) slot.textContent = (slot.textContent ? slot.textContent + '; ' : '') + words(i.message);
    }
    const where = i.line ? el('a', { href: '#', class: 'line-link', onclick: ev => { ev.preventDefault(); goToLine(fields['*'], i.line); } },
      `line ${i.line}`) : null;
    const root = i.path.split(/[.[]/)[0];
    const label = !fields['*'] && Object.hasOwn(FIELD_LABELS, root) ? FIELD_LABELS[root] + i.path.slice(root.length) : null;
    list.append(el('li', {}, where, where ? ' ' : '', i.path ? (label ? el('span', { class: 'field-ref', title: 'field ' + i.path }, label)
      : el('code', { text: i.path })) : null, i.path ? ': ' : '', words(i.message)));
  }
}

/** Selects line {@code n} (1-based) of a textarea and scrolls it into view, so the user lands on the problem. */
function goToLine(area, n) {
  if (!area || area.tagName !== 'TEXTAREA') return;
  const lines = area.value.split('\n');
  const start = lines.slice(0, n - 1).reduce((a, l) => a + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[n - 1] || '').length);
  const lineHeight = area.scrollHeight / Math.max(1, lines.length);
  area.scrollTop = Math.max(0, (n - 3) * lineHeight);
}

// ---------- numbers with units and sources

/**
 * Series colours for stacked breakdowns: ECharts' default palette has 9 colours and repeats
 * after that, which would draw two of the 12 training step-time parts (gemm, dp_comm_exposed)
 * in the same colour. ECharts' 9 plus 4 more distinct ones.
 */
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc',
  '#8c564b', '#17becf', '#7f7f7f', '#bcbd22'];

let SOURCES = {};

/**
 * The one number format of the UI (never scientific notation): thousands separators up to ten
 * million, then three significant digits and a word ("15.8 million", "1.86 billion"); small
 * values keep three significant digits.
 */
const SCALES = [[1e12, ' trillion'], [1e9, ' billion'], [1e7, ' million']];

function fmt(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  for (const [scale, word] of SCALES) {
    if (a >= scale) {
      const unit = scale === 1e7 ? 1e6 : scale;
      return (x / unit).toLocaleString('en-US', { maximumSignificantDigits: 3 }) + word;
    }
  }
  if (a >= 100) return x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (a >= 10) return x.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (a >= 1e-3 || a === 0) return x.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return x.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

/** Dollars as people write them: $950, $12,400, $7.58M, $1.86B. */
function usd(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e9) return '$' + (x / 1e9).toLocaleString('en-US', { maximumSignificantDigits: 3 }) + 'B';
  if (a >= 1e6) return '$' + (x / 1e6).toLocaleString('en-US', { maximumSignificantDigits: 3 }) + 'M';
  return '$' + fmt(x);
}

/** Chart value axes: the same words as the text ("800 million", not "800,000,000"). */
const AXIS_LABELS = { formatter: v => fmt(v) };

function sourceLine(id) {
  const s = SOURCES[id];
  return s ? `${id}: ${s.title} (${s.publisher}, ${s.date})` : id;
}

/** A sourced value {value, low, high, unit, sources, confidence, note} as a span; hover for the source, click for details. */
function valueSpan(spec) {
  if (!spec) return el('span', { class: 'missing', title: 'not stated by the sources' }, '–');
  const ranged = fmt(spec.low) !== fmt(spec.high); // a range that rounds to one figure shows as one
  const range = ranged ? ` (range ${fmt(spec.low)}–${fmt(spec.high)})` : '';
  const title = `${fmt(spec.value)} ${spec.unit}${range}\nconfidence: ${spec.confidence}` +
      (spec.support ? `\nsupport: ${spec.support}` : '') +
      (spec.note ? `\nnote: ${spec.note}` : '') + '\nsources:\n' + spec.sources.map(sourceLine).join('\n');
  const text = ranged ? `${fmt(spec.low)}–${fmt(spec.high)}` : fmt(spec.value);
  return el('span', { class: `val conf-${spec.confidence}`, title, 'data-sources': spec.sources.join(' '),
    onclick: () => showSource(spec) }, text, el('span', { class: 'unit' }, spec.unit));
}

function showSource(spec) {
  const p = $('#source-panel');
  p.replaceChildren(el('h4', {}, `${fmt(spec.value)} ${spec.unit}`),
    el('div', {}, spec.low !== spec.high ? `Sources disagree: ${fmt(spec.low)} to ${fmt(spec.high)} ${spec.unit}` : 'Sources agree'),
    el('div', {}, `Confidence: ${spec.confidence}`),
    spec.support ? el('div', {}, spec.support === 'primary' ? 'Support: primary (a datasheet, white paper, filing, official docs or first-party paper states it)'
      : 'Support: secondary (only compilations, press or blogs give it)') : null,
    spec.note ? el('div', {}, `Note: ${spec.note}`) : null,
    el('ul', {}, spec.sources.map(id => {
      const s = SOURCES[id];
      const url = s ? safeUrl(s.url) : null;
      return el('li', {}, s ? (url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, `${id}: ${s.title}`)
        : `${id}: ${s.title} (${s.url})`) : id,
        s ? ` — ${s.publisher}, ${s.date}${s.kind ? ` [${s.kind}]` : ''}` : '');
    })),
    el('button', { onclick: () => { p.hidden = true; } }, 'Close'));
  p.hidden = false;
}

// ---------- sortable tables

/**
 * Renders rows into a table with sortable headers. columns: [{key, label, value(row) for sorting, cell(row) -> Node|string, num}]
 */
function sortableTable(table, columns, rows, initial) {
  let sortKey = initial ? initial.key : null;
  let dir = initial ? initial.dir : 1;
  const render = () => {
    const col = columns.find(c => c.key === sortKey);
    const sorted = rows.slice();
    if (col && col.value) {
      sorted.sort((a, b) => {
        const x = col.value(a), y = col.value(b);
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * dir;
      });
    }
    const head = el('tr', {}, columns.map(c => el('th', {
      'data-key': c.value ? c.key : null,
      class: c.key === sortKey ? (dir > 0 ? 'asc' : 'desc') : null,
      onclick: c.value ? () => { dir = sortKey === c.key ? -dir : 1; sortKey = c.key; render(); } : null,
    }, c.label)));
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, sorted.map(r =>
      el('tr', { 'data-id': r.id }, columns.map(c => el('td', { class: c.num ? 'num' : null }, c.cell(r)))))));
  };
  render();
}

// ---------- tabs

function showTab(name) {
  if (!TABS[name] && !$('#tab-' + name)) name = 'chips';
  $$('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.tab === name));
  $$('.tab').forEach(t => t.classList.toggle('active', t.id === 'tab-' + name));
  if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
  const init = TABS[name];
  if (init && !init.done) { init.done = true; init(); }
  // charts drawn while hidden have no size
  $$('#tab-' + name + ' .chart').forEach(c => { const ch = echarts.getInstanceByDom(c); if (ch) ch.resize(); });
}

const TABS = {};

// ---------- Chips

let CHIPS = [];
let METRICS = {};
const CHIP_METRICS = ['bf16_tflops', 'fp8_tflops', 'memory_gb', 'memory_bandwidth_tbs', 'scale_up_bandwidth_gbs', 'tdp_w', 'price_usd'];

function chipMetric(chip, key) {
  return chip.specs[key] || chip.derived[key] || null;
}

TABS.chips = async function () {
  const r = await api('GET', '/api/chips');
  if (!r.ok) { $('#compare-msg').textContent = r.body.error.message; return; }
  CHIPS = r.body.chips;
  Object.assign(SOURCES, r.body.sources);
  r.body.metrics.forEach(m => { METRICS[m.key] = m; });
  renderChipTable();
  $('#chip-filter').addEventListener('input', renderChipTable);
  $('#compare-btn').addEventListener('click', compareSelected);
  // the comparison lists the chips in the order they were ticked, not in the table's order
  $('#chip-table').addEventListener('change', e => {
    if (e.target.type !== 'checkbox') return;
    PICKED = PICKED.filter(id => id !== e.target.value);
    if (e.target.checked) PICKED.push(e.target.value);
  });
};

let PICKED = [];

function renderChipTable() {
  const q = $('#chip-filter').value.trim().toLowerCase();
  const rows = CHIPS.filter(c => !q || [c.id, c.vendor, c.name].some(s => s.toLowerCase().includes(q)));
  const selected = new Set(PICKED);
  const numCol = (key, label) => ({ key, label: label + (METRICS[key] ? ` (${METRICS[key].unit})` : ''), num: true,
    value: c => (chipMetric(c, key) || {}).value, cell: c => valueSpan(chipMetric(c, key)) });
  sortableTable($('#chip-table'), [
    { key: 'sel', label: '', cell: c => el('input', { type: 'checkbox', value: c.id, checked: selected.has(c.id), 'aria-label': 'select ' + c.id }) },
    { key: 'id', label: 'Chip', value: c => c.id, cell: c => el('span', { title: c.name, class: 'chip-id' }, c.id) },
    { key: 'vendor', label: 'Vendor', value: c => c.vendor, cell: c => c.vendor },
    { key: 'origin', label: 'Origin', value: c => c.design_origin, cell: c => c.design_origin },
    numCol('bf16_tflops', 'BF16'), numCol('fp8_tflops', 'FP8'), numCol('memory_gb', 'Memory'),
    numCol('memory_bandwidth_tbs', 'Mem BW'), numCol('tdp_w', 'TDP'), numCol('tpp', 'TPP'),
    numCol('performance_density', 'Perf. density'),
  ], rows, { key: 'id', dir: 1 });
}

async function compareSelected() {
  const ids = PICKED.slice();
  const msg = $('#compare-msg');
  const r = await api('GET', '/api/chips/compare?ids=' + encodeURIComponent(ids.join(',')));
  if (!r.ok) { msg.className = 'msg bad'; msg.textContent = r.body.error.issues.map(i => i.message).join('; ') || r.body.error.message; return; }
  msg.className = 'msg'; msg.textContent = '';
  Object.assign(SOURCES, r.body.sources);
  const order = new Map(ids.map((id, i) => [id, i]));
  const chips = r.body.chips.slice().sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  const keys = r.body.metrics.map(m => m.key).filter(k => chips.some(c => chipMetric(c, k)));
  $('#compare').hidden = false;
  $('#compare').scrollIntoView({ block: 'start' });
  $('#compare-table').replaceChildren(
    el('thead', {}, el('tr', {}, el('th', {}, 'Metric'), chips.map(c => el('th', {}, c.id)))),
    el('tbody', {}, keys.map(k => el('tr', { 'data-metric': k }, el('td', { title: metricTitle(k) }, metricLabel(k)),
      chips.map(c => el('td', { class: 'num' }, valueSpan(chipMetric(c, k))))))));
  const sel = $('#compare-metric');
  sel.replaceChildren(...keys.map(k => el('option', { value: k, title: k }, metricLabel(k))));
  sel.value = keys.includes('bf16_tflops') ? 'bf16_tflops' : keys[0];
  sel.onchange = () => drawCompareChart(chips, sel.value);
  drawCompareChart(chips, sel.value);
  placeDownloads($('#compare-table'), 'chips-compare', r.body, () => compareCsv(chips, keys));
}

/** A metric's label with its unit ("BF16 dense (TFLOP/s)"); the API key stays on hover for people scripting it. */
function metricLabel(key) {
  const m = METRICS[key];
  return m ? `${m.label || key} (${m.unit})` : key;
}

function metricTitle(key) {
  const m = METRICS[key];
  return m ? `${m.description}\nAPI key: ${key}` : key;
}

function drawCompareChart(chips, key) {
  const chart = echarts.getInstanceByDom($('#compare-chart')) || echarts.init($('#compare-chart'));
  const unit = METRICS[key] ? METRICS[key].unit : '';
  const specs = chips.map(c => chipMetric(c, key));
  chart.setOption({
    title: { text: metricLabel(key), left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', formatter: ps => ps.filter(p => p.seriesName === 'nominal').map(p => {
      const s = specs[p.dataIndex];
      return s ? `${esc(chips[p.dataIndex].id)}: ${esc(fmt(s.value))} ${esc(unit)}` + (s.low !== s.high ? ` (${esc(fmt(s.low))}–${esc(fmt(s.high))})` : '') +
        `<br>sources: ${esc(s.sources.join(', '))}; confidence ${esc(s.confidence)}` : `${esc(chips[p.dataIndex].id)}: not stated`;
    }).join('<br>') },
    xAxis: { type: 'category', data: chips.map(c => c.id) },
    yAxis: { type: 'value', name: unit, axisLabel: AXIS_LABELS },
    series: [
      { name: 'nominal', type: 'bar', data: specs.map(s => s ? s.value : null) },
      { name: 'range', type: 'custom', renderItem: (params, api) => {
          const lo = api.coord([api.value(0), api.value(1)]), hi = api.coord([api.value(0), api.value(2)]);
          return { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: '#333', lineWidth: 2 } };
        }, data: specs.map((s, i) => s ? [i, s.low, s.high] : [i, null, null]), z: 10 },
    ],
  }, true);
}

// ---------- Export check

let COUNTRIES = [];

/**
 * The form label of each request field (filled as the forms are built): the server's texts name
 * fields by their JSON keys ("use tpot_ms 41 or more"), and the page says them as the form does.
 */
const FIELD_LABELS = {};
/** Field keys of one word that prose also uses ("batch", "devices", "model") are left alone; these are not prose. */
const LABELLED_WORDS = new Set(['disaggregated', 'tp', 'pp', 'dp', 'cp', 'ep', 'vpp']);

/** {@code text} with the request fields it names said by their form labels (the key stays on hover where shown in issues). */
function inWords(text) {
  return String(text).replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\b/g, w =>
    Object.hasOwn(FIELD_LABELS, w) && (w.includes('_') || LABELLED_WORDS.has(w)) ? `“${FIELD_LABELS[w]}”` : w);
}

/** A form field with a label and an inline error slot; the input's id is 'f-' + form + '-' + name. */
function field(form, name, label, input, help) {
  if (!form.startsWith('sf-') && !Object.hasOwn(FIELD_LABELS, name)) FIELD_LABELS[name] = label;
  input.id = `f-${form}-${name}`;
  input.name = name;
  return el('div', { class: 'field' }, el('label', { for: input.id }, label), input,
    help ? el('small', { class: 'hint' }, help) : null, el('span', { class: 'err', 'data-for': name }));
}

function select(options, value) {
  const s = el('select', {}, options.map(o => el('option', { value: o.value }, o.label)));
  s.value = value;
  return s;
}

async function chipOptions() {
  if (!CHIPS.length) {
    const r = await api('GET', '/api/chips');
    if (r.ok) { CHIPS = r.body.chips; Object.assign(SOURCES, r.body.sources); r.body.metrics.forEach(m => { METRICS[m.key] = m; }); }
  }
  return CHIPS.map(c => ({ value: c.id, label: `${c.id} — ${c.name}` }));
}

/** Fields of a form by name, for inline issues (paths such as "to" or "chips[1]"). */
function formFields(form) {
  const out = {};
  $$('input, select, textarea', form).forEach(i => { if (i.name) out[i.name] = i; });
  return out;
}

const today = () => new Date().toISOString().slice(0, 10);
const EXPORT_UNITS = { tpp: 'bit-TOPS', performance_density: 'TPP/mm²', die_area_mm2: 'mm²', io_bandwidth_gbs: 'GB/s', memory_bandwidth_gbs: 'GB/s' };

TABS.export = async function () {
  const [chips, countries] = await Promise.all([chipOptions(), api('GET', '/api/export/countries')]);
  COUNTRIES = countries.ok ? countries.body.countries : [];
  const cc = COUNTRIES.map(c => ({ value: c.code, label: `${c.code} — ${c.name}` }));
  const form = el('form', { class: 'grid', id: 'export-form', onsubmit: e => { e.preventDefault(); exportCheck('check'); } },
    field('export', 'chip', 'Chip', select(chips, chips.some(c => c.value === 'h20') ? 'h20' : (chips[0] || {}).value)),
    field('export', 'to', 'Destination', select(cc, 'CN')),
    field('export', 'buyer_hq', 'Buyer headquarters', select([{ value: '', label: '(not given)' }, ...cc], '')),
    field('export', 'from', 'Exported from', select(cc, 'US')),
    field('export', 'parties', 'Parties', el('input', { placeholder: 'e.g. huawei' }), 'comma-separated; checked against the Entity List data'),
    field('export', 'date', 'Date', el('input', { type: 'date', value: today(), min: '2022-10-07' })));
  const buttons = el('div', { class: 'toolbar' },
    el('button', { id: 'export-check', type: 'button', onclick: () => exportCheck('check') }, 'Check'),
    el('button', { id: 'export-timeline', type: 'button', onclick: () => exportCheck('timeline') }, 'Timeline up to the date'),
    el('button', { id: 'export-matrix', type: 'button', onclick: exportMatrix }, 'Matrix: every chip × common destinations on the date'),
    el('span', { class: 'msg', id: 'export-msg' }));
  $('#export-body').replaceChildren(
    el('p', { class: 'hint' }, `What US export rules require, with reasons and citations. Rule data as of ${countries.ok ? countries.body.as_of : '?'}. Not legal advice.`),
    form, buttons, el('ul', { class: 'issues', id: 'export-issues' }), el('div', { id: 'export-result' }));
};

function exportBody(dateKey) {
  const f = formFields($('#export-form'));
  const body = { chip: f.chip.value, to: f.to.value, from: f.from.value };
  if (f.buyer_hq.value) body.buyer_hq = f.buyer_hq.value;
  const parties = f.parties.value.split(',').map(x => x.trim()).filter(Boolean);
  if (parties.length) body.parties = parties;
  if (f.date.value) body[dateKey] = f.date.value;
  return body;
}

async function exportCheck(kind) {
  const dateKey = kind === 'timeline' ? 'until' : 'date';
  const body = exportBody(dateKey);
  $('#export-msg').textContent = 'checking…';
  const r = await api('POST', '/api/export/' + kind, body);
  const fields = formFields($('#export-form'));
  if (dateKey === 'until') fields.until = fields.date;
  showIssues($('#export-issues'), r.ok ? null : r.body.error, fields);
  $('#export-msg').textContent = '';
  const box = $('#export-result');
  box.replaceChildren();
  if (!r.ok) return;
  if (kind === 'check') renderExportCheck(box, r.body); else renderTimeline(box, r.body);
  box.append(resultDownloads('export-' + kind, r.body, () => kind === 'check' ? toCsv([r.body]) : toCsv(timelineRows(r.body))));
}

function verdictClass(outcome) {
  return outcome === 'no-license-required' || outcome === 'not-controlled' ? 'allowed'
    : outcome.startsWith('license') || outcome.includes('denial') || outcome.includes('prohibit') ? 'license' : 'other';
}

function exportSpec(d, key) {
  const s = d[key];
  return s ? { ...s, unit: EXPORT_UNITS[key] || '' } : null;
}

function renderExportCheck(box, d) {
  box.append(
    el('div', { id: 'export-verdict', class: 'verdict ' + verdictClass(d.outcome) }, d.outcome_text.toUpperCase(),
      d.uncertain ? ' (uncertain: the most restrictive possible outcome)' : ''),
    el('p', {}, `${d.chip.name} (${d.chip.id}) to ${d.destination_name || d.destination}, exported from ${d.export_from}, on ${d.date}. `,
      `Classification: ${d.classification}${d.regime ? ' (' + d.regime + ' text)' : ''}.`),
    el('table', { class: 'data facts' }, el('tbody', {},
      ['tpp', 'performance_density', 'die_area_mm2', 'io_bandwidth_gbs', 'memory_bandwidth_gbs'].map(k =>
        el('tr', {}, el('th', {}, k), el('td', { class: 'num' }, valueSpan(exportSpec(d, k))))))),
    el('h3', {}, 'Why'),
    el('ol', { id: 'export-reasons' }, d.reasons.map(x => el('li', {}, el('code', {}, x.rule), ' ', x.text, el('div', { class: 'hint' }, 'Citation: ' + x.citation)))));
  const list = (title, items, render) => { if (items && items.length) box.append(el('h3', {}, title), el('ul', {}, items.map(render))); };
  list('Conditions', d.conditions, c => el('li', {}, c.text, ' ', el('span', { class: 'hint' }, c.citation)));
  const finding = x => el('li', {}, el('code', {}, x.rule), ' ', x.text, el('div', { class: 'hint' }, 'Citation: ' + x.citation));
  list('Import side and third countries (not US license requirements)', d.import_side, finding);
  list('US guidance', d.us_guidance, finding);
  list('Pending US rules', d.pending, finding);
  list('Notes', d.notes, finding);
  list('Assumptions and caveats', d.caveats, c => el('li', {}, c));
  box.append(el('p', { class: 'hint' }, `Rule data as of ${d.as_of}. ${d.notice}`));
}

function renderTimeline(box, t) {
  box.append(el('h3', {}, `Timeline: ${t.chip.name} to ${t.destination} until ${t.until}`),
    el('table', { class: 'data', id: 'export-timeline-table' },
      el('thead', {}, el('tr', {}, ['Date', 'Outcome', 'Classification', 'Rules started', 'Rules stopped'].map(h => el('th', {}, h)))),
      el('tbody', {}, t.entries.map(e => el('tr', {}, el('td', {}, e.date),
        el('td', {}, el('span', { class: 'verdict ' + verdictClass(e.outcome) }, e.outcome_text + (e.uncertain ? ' ?' : ''))),
        el('td', {}, e.classification), el('td', {}, e.started.join(', ')), el('td', {}, e.stopped.join(', ')))))),
    el('p', { class: 'hint' }, `Rule data as of ${t.as_of}. ${t.notice}`));
}

async function exportMatrix() {
  const b = exportBody('date');
  const body = { date: b.date, from: b.from };
  if (b.buyer_hq) body.buyer_hq = b.buyer_hq;
  if (b.parties) body.parties = b.parties;
  $('#export-msg').textContent = 'computing the matrix…';
  const r = await api('POST', '/api/export/matrix', body);
  $('#export-msg').textContent = '';
  showIssues($('#export-issues'), r.ok ? null : r.body.error, formFields($('#export-form')));
  const box = $('#export-result');
  box.replaceChildren();
  if (!r.ok) return;
  const m = r.body;
  box.append(el('h3', {}, `Outcomes on ${m.date}`),
    el('table', { class: 'data matrix' },
      el('thead', {}, el('tr', {}, el('th', {}, 'chip'), m.destinations.map(d => el('th', {}, d)))),
      el('tbody', {}, m.rows.map(row => el('tr', {}, el('td', {}, row.chip),
        row.cells.map(c => el('td', { class: 'verdict-cell ' + verdictClass(c.outcome), title: `${c.outcome_text}; classification ${c.classification}` }, c.label)))))),
    el('ul', { class: 'hint' }, Object.entries(m.legend).map(([k, v]) => el('li', {}, el('code', {}, k), ' ', v))),
    el('p', { class: 'hint' }, `Rule data as of ${m.as_of}. ${m.notice}`));
  box.append(resultDownloads('export-matrix', m, () => toCsv(matrixRows(m))));
}

// ---------- Training

/** Number input with a default; empty means "open" (the search chooses). */
const num = (value, attrs = {}) => el('input', { type: 'number', value: value === undefined ? '' : value, ...attrs });

/** The form's values as a JSON body: empty fields are left out, numbers sent as numbers, checkboxes as booleans. */
function formBody(form) {
  const body = {};
  $$('input, select', form).forEach(i => {
    if (!i.name) return;
    if (i.type === 'checkbox') { body[i.name] = i.checked; return; }
    const v = i.value.trim();
    if (v === '') return;
    body[i.name] = i.type === 'number' ? Number(v) : v;
  });
  return body;
}

async function modelOptions() {
  const r = await api('GET', '/api/models');
  return r.ok ? r.body.models.map(m => ({ value: m.name, label: m.label || m.name })) : [];
}

TABS.train = async function () {
  const [chips, models] = await Promise.all([chipOptions(), modelOptions()]);
  const form = el('form', { class: 'grid', id: 'train-form', onsubmit: e => { e.preventDefault(); trainRun('search'); } },
    field('train', 'model', 'Model', select(models, models.some(m => m.value === 'llama3-70b') ? 'llama3-70b' : (models[0] || {}).value)),
    field('train', 'chip', 'Chip', select(chips, 'h100-sxm')),
    field('train', 'devices', 'Devices', num(1024, { min: 1 })),
    field('train', 'seq_len', 'Sequence length (tokens)', num(8192, { min: 1 })),
    field('train', 'global_batch', 'Global batch (sequences)', num(512, { min: 1 })),
    field('train', 'precision', 'Precision', select([{ value: 'bf16', label: 'bf16' }, { value: 'fp8', label: 'fp8' }], 'bf16')),
    field('train', 'recipe', 'Framework recipe', select([{ value: '', label: 'the chip\'s stack (default)' },
      ...['megatron-bridge-2025', 'megatron-core-2024', 'megatron-2021', 'torchtitan', 'deepspeed', 'mindspeed'].map(v => ({ value: v, label: v }))], ''),
      'settings the framework applies by default (overlaps, gradient precision, sharding, schedule); NVIDIA: megatron-bridge-2025, Huawei: mindspeed'),
    field('train', 'grad_precision', 'Gradient precision', select([{ value: '', label: 'the recipe\'s' }, { value: 'fp32', label: 'fp32' },
      { value: 'bf16', label: 'bf16' }, { value: 'fp16', label: 'fp16' }], ''), 'overrides the recipe; sets model-state memory and data-parallel traffic'),
    field('train', 'tp', 'Tensor parallel', num(undefined, { min: 1, placeholder: 'open' })),
    field('train', 'pp', 'Pipeline parallel', num(undefined, { min: 1, placeholder: 'open' })),
    field('train', 'micro_batch', 'Micro-batch', num(undefined, { min: 1, placeholder: 'open' })),
    field('train', 'scale_out_gbps', 'Scale-out (Gb/s per device)', num(undefined, { min: 1, step: 'any', placeholder: 'from the catalog' }),
      'needed past one node where the catalog states none (e.g. ascend-910b): try 400'),
    field('train', 'tokens', 'Token budget', el('input', { placeholder: 'e.g. 15e12 (optional)', type: 'number', step: 'any' }), 'adds days, energy and cost'),
    field('train', 'top', 'Layouts to show (search)', num(5, { min: 1, max: 50 })));
  $('#train-body').replaceChildren(
    el('p', { class: 'hint' }, 'Estimate a training step or search the parallel layouts (open fields are chosen by the search). Calibrated per chip and kernel class; ranges where sources disagree.'),
    form,
    el('div', { class: 'toolbar' },
      el('button', { id: 'train-estimate', type: 'button', onclick: () => trainRun('estimate') }, 'Estimate'),
      el('button', { id: 'train-search', type: 'button', onclick: () => trainRun('search') }, 'Search layouts'),
      el('span', { class: 'msg', id: 'train-msg' })),
    el('ul', { class: 'issues', id: 'train-issues' }), el('div', { id: 'train-result' }),
    trainCompareSection(chips, models));
};

// ---------- Training across chips (POST /api/train/compare)

function trainCompareSection(chips, models) {
  const chipBoxes = el('div', { class: 'checks', id: 'tc-chips' }, chips.map(c => el('label', {},
    el('input', { type: 'checkbox', value: c.value, checked: ['h20', 'h100-sxm', 'ascend-910b'].includes(c.value) }), ' ', c.value)));
  const form = el('form', { class: 'grid', id: 'tc-form', onsubmit: e => { e.preventDefault(); trainCompare(); } },
    field('tc', 'model', 'Model', select(models, models.some(m => m.value === 'llama3-70b') ? 'llama3-70b' : (models[0] || {}).value)),
    field('tc', 'devices', 'Devices per chip', num(1024, { min: 1 })),
    field('tc', 'seq_len', 'Sequence length (tokens)', num(4096, { min: 1 })),
    field('tc', 'global_batch', 'Global batch (sequences)', num(512, { min: 1 })),
    field('tc', 'tokens', 'Token budget', el('input', { type: 'number', step: 'any', value: '15e12' }), 'adds days; needed to finish by a date'),
    field('tc', 'start', 'Start', el('input', { type: 'date', value: '2025-04-01' })),
    field('tc', 'finish_by', 'Finish by', el('input', { type: 'date' }), 'optional: the devices each chip needs to finish by then'),
    field('tc', 'scale_out_gbps', 'Scale-out (Gb/s per device)', num(400, { min: 1, step: 'any' }), 'for every chip where the catalog states none'),
    field('tc', 'buyer_hq', 'Buyer headquarters', el('input', { placeholder: 'e.g. CN (optional)', maxlength: 2 }),
      'screen the chips with the export rules (not legal advice)'),
    field('tc', 'to', 'Destination', el('input', { placeholder: 'default: headquarters', maxlength: 2 })),
    field('tc', 'date', 'Rules on', el('input', { type: 'date' }), 'default: the rules\' as-of date'),
    field('tc', 'compliance', 'Chips the buyer may not get', select([{ value: 'mark', label: 'mark them' }, { value: 'drop', label: 'drop them' }], 'mark')));
  return el('section', { id: 'train-compare' },
    el('h2', {}, 'Compare chips'),
    el('p', { class: 'hint' }, 'One training job on each ticked chip: the best layout at up to the devices given, its throughput and days, and with a finish-by date the devices each chip needs. Ranked by tokens/s.'),
    form, el('div', { class: 'field' }, el('label', {}, 'Chips'), chipBoxes, el('span', { class: 'err', 'data-for': 'chips' })),
    el('div', { class: 'toolbar' },
      el('button', { id: 'tc-run', type: 'button', onclick: trainCompare }, 'Compare chips'),
      el('span', { class: 'msg', id: 'tc-msg' })),
    el('ul', { class: 'issues', id: 'tc-issues' }), el('div', { id: 'tc-result' }));
}

async function trainCompare() {
  const form = $('#tc-form');
  const body = formBody(form);
  if (!body.buyer_hq) delete body.compliance;
  body.chips = $$('#tc-chips input:checked').map(i => i.value);
  $('#tc-msg').textContent = 'comparing…';
  const r = await api('POST', '/api/train/compare', body);
  $('#tc-msg').textContent = '';
  const fields = formFields(form);
  fields.chips = $('#tc-chips input');
  showIssues($('#tc-issues'), r.ok ? null : r.body.error, fields);
  const box = $('#tc-result');
  box.replaceChildren();
  if (!r.ok) return;
  renderTrainCompare(box, r.body);
}

function renderTrainCompare(box, c) {
  const first = c.chips.find(x => x.rank === 1);
  if (c.compliance && c.compliance.first_ranked_may_not_be_obtained && first) {
    box.append(el('p', { class: 'warning', id: 'tc-warning' }, `WARNING: the first-ranked chip, ${first.chip_name}, is one the buyer may not get (${first.outcome}); see the compliance list below, or choose "drop them".`));
  }
  const est = text => el('span', { class: 'val', title: 'chipmix training model estimate (docs/training-model.md), calibrated per chip' }, text);
  const mark = x => x.may_not_get ? el('span', { class: 'bad', title: x.reason }, x.dropped ? 'dropped: may not get' : 'MAY NOT GET')
    : x.verdict && x.verdict !== 'clear' ? el('span', { class: 'warn', title: x.reason }, x.verdict) : x.verdict || '';
  const cols = [
    { key: 'rank', label: 'Rank', num: true, value: x => x.rank, cell: x => x.rank === null ? '–' : String(x.rank) },
    { key: 'chip', label: 'Chip', value: x => x.chip, cell: x => el('span', { title: x.chip_name }, x.chip) },
    { key: 'devices', label: 'Devices used', num: true, value: x => x.devices_used, cell: x => fmt(x.devices_used) },
    { key: 'tps', label: 'Tokens/s', num: true, value: x => x.tokens_per_second, cell: x => est(fmt(x.tokens_per_second)) },
    { key: 'days', label: 'Days', num: true, value: x => x.days, cell: x => est(fmt(x.days)) },
  ];
  if (c.finish_by) {
    cols.push({ key: 'need', label: `Devices to finish by ${c.finish_by}`, num: true, value: x => x.devices_needed,
      cell: x => x.devices_needed_over ? `> ${fmt(x.devices_needed_over)}` : est(fmt(x.devices_needed)) });
  }
  if (c.compliance) cols.push({ key: 'compliance', label: 'Export (buyer)', value: x => x.verdict, cell: mark });
  cols.push({ key: 'layout', label: 'Layout', value: x => x.layout || x.problem, cell: x => x.layout || x.problem || '' });
  const table = el('table', { class: 'data sortable', id: 'tc-table' });
  box.append(table);
  sortableTable(table, cols, c.chips.map(x => ({ ...x, id: x.chip })), null);
  if (c.compliance) {
    const notClear = c.compliance.chips.filter(x => x.verdict !== 'clear');
    box.append(el('h3', {}, `Compliance for a buyer in ${c.compliance.buyer_hq}, to ${c.compliance.to}, on ${c.compliance.date} (not legal advice)`),
      el('ul', { id: 'tc-compliance' }, notClear.length ? notClear.map(x => el('li', {}, (x.dropped ? 'dropped: ' : '') + x.reason))
        : [el('li', {}, 'every chip is clear')]));
  }
  box.append(el('p', { class: 'hint' }, c.note));
  box.append(resultDownloads('train-compare', c, () => toCsv(c.chips)));
}

async function trainRun(kind) {
  const form = $('#train-form');
  const body = formBody(form);
  if (kind === 'estimate') delete body.top;
  $('#train-msg').textContent = kind === 'search' ? 'searching layouts…' : 'estimating…';
  const r = await api('POST', '/api/train/' + kind, body);
  $('#train-msg').textContent = r.ok && kind === 'search' ? `${r.body.evaluated} layouts evaluated, ${r.body.feasible} fit, in ${fmt(r.body.search_ms)} ms` : '';
  showIssues($('#train-issues'), r.ok ? null : r.body.error, formFields(form));
  const box = $('#train-result');
  box.replaceChildren();
  if (!r.ok) return;
  renderTraining(box, kind === 'search' ? r.body.best : [r.body]);
  box.append(resultDownloads('train-' + kind, r.body, () => toCsv(kind === 'search' ? r.body.best : [r.body])));
}

const layoutLabel = e => { const p = e.parallelism; return `TP${p.tp} PP${p.pp} DP${p.dp}` + (p.cp > 1 ? ` CP${p.cp}` : '') + (p.ep > 1 ? ` EP${p.ep}` : '') + ` mb${p.micro_batch} ${p.recompute} zero-${p.zero}`; };

function renderTraining(box, list) {
  const best = list[0];
  const range = best.step_time_range_s ? ` (range ${fmt(best.step_time_range_s[0])}–${fmt(best.step_time_range_s[1])} s)` : '';
  box.append(el('p', { id: 'train-summary' }, `${best.model} on ${best.devices} × ${best.chip}: step ${fmt(best.step_time_s)} s${range}, `,
    `${fmt(best.tokens_per_s)} tokens/s, MFU ${fmt(best.mfu * 100)} %` +
      (best.mfu_range ? ` (range ${fmt(best.mfu_range[0] * 100)}–${fmt(best.mfu_range[1] * 100)} %)` : '') + `, memory ${fmt(best.memory_per_device_gib)} of ${fmt(best.memory_capacity_gib)} GiB per device. `,
    `Framework recipe ${best.recipe.id}` + (best.recipe.explicit.length ? ` (set here: ${best.recipe.explicit.join(', ')}). ` : '. ') +
      (best.scale_out_basis ? `Network: ${best.scale_out_basis}. ` : ''),
    best.calibration.calibrated ? `Model calibrated against published runs (${best.calibration.note.replace(/^calibrated: /, 'on ')}).`
      : `Not calibrated for this chip (${best.calibration.note}): low confidence.`));
  if (best.budget) {
    const b = best.budget;
    box.append(el('p', {}, `Budget ${fmt(b.tokens)} tokens: ${fmt(b.days)} days, ${fmt(b.device_hours)} device-hours`,
      b.energy_kwh !== null ? `, ${fmt(b.energy_kwh)} kWh` : '', b.cost_usd !== null ? `, ${usd(b.cost_usd)} (${inWords(b.cost_basis)})` : ''));
  }
  const chartEl = el('div', { class: 'chart', id: 'train-chart' });
  box.append(el('h3', {}, 'Step-time breakdown (seconds per step)'), chartEl);
  const parts = Object.keys(best.breakdown_s);
  const chart = echarts.init(chartEl);
  chart.setOption({
    color: PALETTE, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: v => fmt(v) + ' s' },
    legend: { type: 'scroll', top: 0 }, grid: { left: 20, right: 30, top: 40, containLabel: true },
    yAxis: { type: 'category', data: list.map(layoutLabel), inverse: true },
    xAxis: { type: 'value', name: 's', axisLabel: AXIS_LABELS },
    series: parts.map(k => ({ name: k, type: 'bar', stack: 'step', data: list.map(e => e.breakdown_s[k]) })),
  });
  // Model outputs: hover names where they come from (the model and its calibration; chip inputs are sourced on the Chips tab).
  const est = (e, text) => el('span', { class: 'val', title: `chipmix training model estimate (docs/training-model.md)\n${e.calibration.note}` +
    `\nchip figures: ${e.chip} on the Chips tab, with their sources` }, text);
  const cols = [
    { key: 'layout', label: 'Layout', value: e => layoutLabel(e), cell: e => layoutLabel(e) },
    { key: 'step', label: 'Step (s)', num: true, value: e => e.step_time_s, cell: e => est(e, fmt(e.step_time_s)) },
    { key: 'tps', label: 'Tokens/s', num: true, value: e => e.tokens_per_s, cell: e => est(e, fmt(e.tokens_per_s)) },
    { key: 'mfu', label: 'MFU (%)', num: true, value: e => e.mfu, cell: e => est(e, fmt(e.mfu * 100)) },
    { key: 'mem', label: 'Memory/device (GiB)', num: true, value: e => e.memory_per_device_gib, cell: e => est(e, fmt(e.memory_per_device_gib)) },
    { key: 'fits', label: 'Fits', value: e => e.fits ? 1 : 0, cell: e => e.fits ? 'yes' : `no (+${fmt(e.memory_shortfall_gib)} GiB)` },
  ];
  const table = el('table', { class: 'data sortable', id: 'train-table' });
  box.append(el('h3', {}, 'Layouts'), table);
  sortableTable(table, cols, list.map((e, i) => ({ ...e, id: String(i) })), null);
}

// ---------- Serving

TABS.infer = async function () {
  const [chips, models] = await Promise.all([chipOptions(), modelOptions()]);
  const chipBoxes = el('div', { class: 'checks', id: 'infer-chips' }, chips.map(c => el('label', {},
    el('input', { type: 'checkbox', value: c.value, checked: ['h20', 'h100-sxm', 'ascend-910b'].includes(c.value) }), ' ', c.value)));
  const prec = v => select(['bf16', 'fp8', 'int8', 'int4'].map(x => ({ value: x, label: x })), v);
  const form = el('form', { class: 'grid', id: 'infer-form', onsubmit: e => { e.preventDefault(); inferSize(); } },
    field('infer', 'model', 'Model', select(models, models.some(m => m.value === 'llama3-70b') ? 'llama3-70b' : (models[0] || {}).value)),
    field('infer', 'prompt_tokens', 'Prompt tokens', num(2048, { min: 1 })),
    field('infer', 'output_tokens', 'Output tokens', num(512, { min: 1 })),
    field('infer', 'demand_rps', 'Demand (requests/s)', num(20, { min: 0, step: 'any' })),
    field('infer', 'ttft_ms', 'TTFT target (ms)', num(2000, { min: 1 })),
    field('infer', 'tpot_ms', 'TPOT target (ms)', num(50, { min: 1 })),
    field('infer', 'weights', 'Weights precision', select(['auto', 'bf16', 'fp8', 'int8', 'int4'].map(x => ({ value: x, label: x })), 'auto'),
      'auto: FP8 where the chip has it, else INT8 (W8A8)'),
    field('infer', 'recipe', 'Serving recipe', select([{ value: '', label: "chip's default" }].concat(
      ['sglang', 'sglang-spec-v2', 'sglang-pd-ep', 'sglang-h20-ant', 'vllm', 'trtllm', 'trtllm-v06', 'trtllm-bench', 'mindie',
        'rtp-llm-pd-ep', 'vllm-ascend'].map(x => ({ value: x, label: x }))), '')),
    field('infer', 'kv', 'KV-cache precision', prec('bf16')),
    field('infer', 'scale_out_gbps', 'Scale-out (Gb/s per device)', num(undefined, { min: 1, step: 'any', placeholder: 'from the catalog' }),
      'for replicas past one node where the catalog states none: try 400'),
    field('infer', 'disaggregated', 'Disaggregated prefill/decode (also try)', el('input', { type: 'checkbox' })));
  $('#infer-body').replaceChildren(
    el('p', { class: 'hint' }, 'Size a serving deployment: the cheapest fleet of each candidate chip (or chip pair) that meets the demand within the latency targets, ranked.'),
    form, el('div', { class: 'field' }, el('label', {}, 'Candidate chips'), chipBoxes, el('span', { class: 'err', 'data-for': 'chips' })),
    el('div', { class: 'toolbar' },
      el('button', { id: 'infer-size', type: 'button', onclick: inferSize }, 'Size deployment'),
      el('button', { id: 'infer-estimate', type: 'button', onclick: inferEstimate }, 'Estimate one replica on each ticked chip'),
      el('span', { class: 'msg', id: 'infer-msg' })),
    el('ul', { class: 'issues', id: 'infer-issues' }), el('div', { id: 'infer-result' }));
};

async function inferSize() {
  const form = $('#infer-form');
  const body = formBody(form);
  body.chips = $$('#infer-chips input:checked').map(i => i.value);
  $('#infer-msg').textContent = 'sizing…';
  const r = await api('POST', '/api/infer/size', body);
  $('#infer-msg').textContent = '';
  const fields = formFields(form);
  fields.chips = $('#infer-chips input');
  showIssues($('#infer-issues'), r.ok ? null : r.body.error, fields);
  const box = $('#infer-result');
  box.replaceChildren();
  if (!r.ok) return;
  const s = r.body;
  box.append(el('p', { id: 'infer-summary' }, `Best: ${s.winner} with ${s.devices} devices`,
    s.cost_per_million_output_tokens !== null && s.cost_per_million_output_tokens !== undefined ? `, $${fmt(s.cost_per_million_output_tokens)} per million output tokens` : '',
    s.power_kw !== null && s.power_kw !== undefined ? `, ${fmt(s.power_kw)} kW` : '', '.'));
  const table = el('table', { class: 'data sortable', id: 'infer-table' });
  box.append(table);
  // Model outputs: hover names where they come from (chip inputs are sourced on the Chips tab; prices in the catalog).
  const servingEst = text => el('span', { class: 'val', title: 'chipmix serving model estimate (docs/inference-model.md)' +
    '\ncost: catalog device prices amortised, plus electricity (see Assumptions below)\nchip figures: on the Chips tab, with their sources' }, text);
  sortableTable(table, [
    { key: 'rank', label: 'Rank', num: true, value: p => p.rank, cell: p => String(p.rank) },
    { key: 'label', label: 'Plan', value: p => p.label, cell: p => el('span', { title: (p.why || []).map(inWords).join('\n') }, p.label) },
    { key: 'mode', label: 'Mode', value: p => p.mode, cell: p => p.mode },
    { key: 'devices', label: 'Devices', num: true, value: p => p.devices, cell: p => String(p.devices) },
    { key: 'cost', label: '$ / M output tokens', num: true, value: p => p.cost_per_million_output_tokens, cell: p => servingEst(fmt(p.cost_per_million_output_tokens)) },
    { key: 'power', label: 'Power (kW)', num: true, value: p => p.power_kw, cell: p => servingEst(fmt(p.power_kw)) },
    { key: 'ttft', label: 'TTFT (ms)', num: true, value: p => p.ttft_ms, cell: p => servingEst(fmt(p.ttft_ms)) },
    { key: 'tpot', label: 'TPOT (ms)', num: true, value: p => p.tpot_ms, cell: p => servingEst(fmt(p.tpot_ms)) },
    { key: 'tps', label: 'Output tok/s per device', num: true, value: p => p.output_tokens_per_s_per_device, cell: p => servingEst(fmt(p.output_tokens_per_s_per_device)) },
  ], s.plans.map(p => ({ ...p, id: String(p.rank) })), { key: 'rank', dir: 1 });
  const chartEl = el('div', { class: 'chart', id: 'infer-chart' });
  box.append(el('h3', {}, 'Devices needed and cost per plan'), chartEl);
  echarts.init(chartEl).setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 60, bottom: 90 },
    xAxis: { type: 'category', data: s.plans.map(p => p.label), axisLabel: { rotate: 30 } },
    yAxis: [{ type: 'value', name: 'devices', axisLabel: AXIS_LABELS }, { type: 'value', name: '$/M tokens', axisLabel: AXIS_LABELS }],
    series: [{ name: 'devices', type: 'bar', data: s.plans.map(p => p.devices) },
      { name: '$ per million output tokens', type: 'line', yAxisIndex: 1, data: s.plans.map(p => p.cost_per_million_output_tokens) }],
  });
  const list = (title, items, render) => { if (items && items.length) box.append(el('h3', {}, title), el('ul', {}, items.map(render))); };
  list('Why', s.explanation, x => el('li', {}, inWords(x)));
  list('Rejected', s.rejected, x => el('li', {}, `${x.label}: ${inWords(x.reason)}`));
  list('Assumptions', s.assumptions, x => el('li', {}, inWords(x)));
  box.append(resultDownloads('infer-size', s, () => toCsv(s.plans)));
}

/** One replica per ticked chip (smallest that fits, largest batch meeting the TPOT target): the step-time breakdown side by side. */
async function inferEstimate() {
  const form = $('#infer-form');
  const b = formBody(form);
  const chips = $$('#infer-chips input:checked').map(i => i.value);
  const fields = formFields(form);
  fields.chip = $('#infer-chips input');
  $('#infer-msg').textContent = 'estimating…';
  const rs = await Promise.all(chips.map(chip => api('POST', '/api/infer/estimate', { model: b.model, chip,
    prompt_tokens: b.prompt_tokens, output_tokens: b.output_tokens, weights: b.weights, kv: b.kv, tpot_ms: b.tpot_ms, recipe: b.recipe,
    scale_out_gbps: b.scale_out_gbps })));
  $('#infer-msg').textContent = '';
  // Input problems are the same for every chip: show the first; a chip with no answer (422) is listed with its reason.
  const bad = rs.find(r => !r.ok && r.status === 400);
  showIssues($('#infer-issues'), bad ? bad.body.error : null, fields);
  const box = $('#infer-result');
  box.replaceChildren();
  const none = rs.map((r, i) => ({ r, chip: chips[i] })).filter(x => x.r.status === 422);
  if (none.length) {
    box.append(el('h3', {}, 'No replica'), el('ul', { id: 'infer-no-replica' },
      none.map(x => el('li', {}, el('code', {}, x.chip), ': ', inWords(x.r.body.error.message)))));
  }
  const ok = rs.filter(r => r.ok).map(r => r.body);
  if (!ok.length) return;
  const table = el('table', { class: 'data sortable', id: 'infer-estimate-table' });
  box.append(el('h3', {}, 'One replica per chip'), table);
  sortableTable(table, [
    { key: 'chip', label: 'Chip', value: e => e.chip, cell: e => e.chip },
    { key: 'devices', label: 'Devices (TP×EP)', num: true, value: e => e.devices, cell: e => `${e.devices} (${e.tp}×${e.ep})` },
    { key: 'batch', label: 'Batch', num: true, value: e => e.batch, cell: e => `${e.batch} (${e.batch_limit})` },
    { key: 'ttft', label: 'TTFT (ms)', num: true, value: e => e.ttft_ms, cell: e => fmt(e.ttft_ms) + (e.range ? ` (${fmt(e.range.ttft_ms[0])}–${fmt(e.range.ttft_ms[1])})` : '') },
    { key: 'tpot', label: 'TPOT (ms)', num: true, value: e => e.tpot_ms, cell: e => fmt(e.tpot_ms) + (e.range ? ` (${fmt(e.range.tpot_ms[0])}–${fmt(e.range.tpot_ms[1])})` : '') },
    { key: 'tps', label: 'Output tok/s per device', num: true, value: e => e.output_tokens_per_s_per_device, cell: e => fmt(e.output_tokens_per_s_per_device) },
    { key: 'mem', label: 'Memory/device (GiB)', num: true, value: e => e.memory_per_device_gib, cell: e => `${fmt(e.memory_per_device_gib)} of ${fmt(e.device_memory_gib)}` },
    { key: 'cal', label: 'Calibrated', value: e => e.calibrated ? 1 : 0, cell: e => el('span', { title: e.software }, e.calibrated ? 'yes' : 'no') },
  ], ok.map(e => ({ ...e, id: e.chip })), { key: 'chip', dir: 1 });
  const parts = Object.keys(ok[0].decode_breakdown_ms).filter(k => typeof ok[0].decode_breakdown_ms[k] === 'number');
  const chartEl = el('div', { class: 'chart', id: 'infer-estimate-chart' });
  box.append(el('h3', {}, 'Decode step breakdown (ms per step; compute, memory and all-to-all overlap, the longest counts; kernel_serial adds to it)'), chartEl);
  echarts.init(chartEl).setOption({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: v => fmt(v) + ' ms' }, legend: {},
    grid: { left: 120, right: 30 }, yAxis: { type: 'category', data: ok.map(e => e.chip) }, xAxis: { type: 'value', name: 'ms' },
    series: parts.map(k => ({ name: k, type: 'bar', data: ok.map(e => e.decode_breakdown_ms[k]) })),
  });
  // Serving-capacity curve: throughput per device against TPOT (prefill interleaved), one line per chip.
  const curveEl = el('div', { class: 'chart', id: 'infer-curve-chart' });
  box.append(el('h3', {}, 'Serving capacity: output tokens/s per device against TPOT (batches 1, 2, 4, … up to the largest that fits)'), curveEl);
  echarts.init(curveEl).setOption({
    tooltip: { trigger: 'item', formatter: p => `${esc(p.seriesName)}: batch ${esc(p.data[2])}, TPOT ${esc(fmt(p.data[0]))} ms, ${esc(fmt(p.data[1]))} tok/s per device` },
    legend: {}, grid: { left: 70, right: 30 },
    xAxis: { type: 'log', name: 'TPOT (ms)' }, yAxis: { type: 'value', name: 'tok/s per device' },
    series: ok.map(e => ({ name: e.chip, type: 'line', showSymbol: true,
      data: (e.curve || []).map(c => [c.colocated_tpot_ms, c.output_tokens_per_s_per_device, c.batch]) })),
  });
  box.append(el('h3', {}, 'Assumptions'), el('ul', {}, [...new Set(ok.flatMap(e => e.assumptions))].map(a => el('li', {}, inWords(a)))));
}

// ---------- Scenarios

let CURRENT = null; // the loaded scenario {id, version, ...} or null for a new one

TABS.scenarios = async function () {
  $('#scenario-new').addEventListener('click', newScenario);
  $('#scenario-validate').addEventListener('click', validateScenario);
  // validation as you type: once the user pauses for 700 ms, the text is checked and problems listed with their lines
  let typing = null;
  $('#scenario-yaml').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(validateScenario, 700);
  });
  $('#scenario-save').addEventListener('click', () => saveScenario());
  $('#scenario-run').addEventListener('click', runScenario);
  $('#run-compare').addEventListener('click', compareRuns);
  await buildScenarioForm();
  await newScenario();
  await listScenarios();
};

function scenarioMsg(text, kind) {
  const m = $('#scenario-msg');
  m.className = 'msg ' + (kind || '');
  m.textContent = text;
}

// Issues inside the scenario text have the scenario's own paths (fleet.pods[2].chip): they mark the editor.
const scenarioFields = () => ({ name: $('#scenario-name'), yaml: $('#scenario-yaml'), '*': $('#scenario-yaml') });

async function newScenario() {
  const r = await api('GET', '/api/scenarios/example');
  CURRENT = null;
  $('#editor-title').textContent = 'New scenario';
  $('#scenario-name').value = 'my scenario';
  const yaml = r.ok ? r.body.yaml : '';
  await fillFromYaml(yaml);
  $('#scenario-yaml').value = yaml;
  $('#run-table').replaceChildren();
  $('#run-result').replaceChildren();
  showIssues($('#scenario-issues'), null);
  scenarioMsg('');
}

/** A caption under a paged list that says when the server holds more than it sent (the API pages lists). */
function pagedCaption(table, shown, total) {
  if (total > shown) table.prepend(el('caption', { class: 'hint' }, `Showing the ${fmt(shown)} most recent of ${fmt(total)}.`));
}

async function listScenarios() {
  const r = await api('GET', '/api/scenarios?limit=1000');
  if (!r.ok) return;
  sortableTable($('#scenario-table'), [
    { key: 'name', label: 'Name', value: s => s.name.toLowerCase(), cell: s => el('a', { href: '#scenarios', onclick: e => { e.preventDefault(); openScenario(s.id); } }, s.name) },
    { key: 'updated', label: 'Updated (UTC)', value: s => s.updated_at, cell: s => s.updated_at.replace('T', ' ').slice(0, 19) },
    { key: 'version', label: 'Version', value: s => s.version, cell: s => String(s.version), num: true },
    { key: 'del', label: '', cell: s => el('button', { onclick: () => deleteScenario(s) }, 'Delete') },
  ], r.body.scenarios, { key: 'updated', dir: -1 });
  pagedCaption($('#scenario-table'), r.body.scenarios.length, r.body.total || 0);
}

async function openScenario(id) {
  const r = await api('GET', '/api/scenarios/' + id);
  if (!r.ok) { scenarioMsg(r.body.error.message, 'bad'); return; }
  CURRENT = r.body;
  $('#editor-title').textContent = 'Scenario: ' + CURRENT.name;
  $('#scenario-name').value = CURRENT.name;
  await fillFromYaml(CURRENT.yaml);
  $('#scenario-yaml').value = CURRENT.yaml;
  showIssues($('#scenario-issues'), null);
  scenarioMsg(`version ${CURRENT.version}, saved ${CURRENT.updated_at}`);
  $('#run-result').replaceChildren();
  await listRuns();
}

async function deleteScenario(s) {
  if (!confirm(`Delete scenario '${s.name}' and its runs?`)) return;
  await api('DELETE', '/api/scenarios/' + s.id);
  if (CURRENT && CURRENT.id === s.id) await newScenario();
  await listScenarios();
}

/**
 * The form and the timeline of a scenario being loaded, before its text is shown: a valid text
 * fills them, an invalid one empties them (the user's Validate then lists the problems).
 */
async function fillFromYaml(yaml) {
  const r = await api('POST', '/api/scenarios/validate', { yaml });
  const outline = r.ok ? r.body : { orders: [], pools: [], training: [], serving: [] };
  drawDeliveries(outline.orders || []);
  renderScenarioForm(outline);
}

async function validateScenario() {
  const r = await api('POST', '/api/scenarios/validate', { yaml: $('#scenario-yaml').value });
  showIssues($('#scenario-issues'), r.ok ? null : r.body.error, scenarioFields());
  scenarioMsg(r.ok ? 'valid' : `${(r.body.error.issues || []).length || 1} problem(s)`, r.ok ? 'ok' : 'bad');
  if (r.ok) {
    drawDeliveries(r.body.orders || []);
    renderScenarioForm(r.body);
  }
  return r.ok;
}

async function saveScenario() {
  const body = { name: $('#scenario-name').value, yaml: $('#scenario-yaml').value };
  const r = CURRENT ? await api('PUT', '/api/scenarios/' + CURRENT.id, { ...body, version: CURRENT.version })
    : await api('POST', '/api/scenarios', body);
  if (!r.ok) {
    showIssues($('#scenario-issues'), r.body.error, scenarioFields());
    scenarioMsg(r.body.error.message, 'bad');
    return false;
  }
  showIssues($('#scenario-issues'), null);
  CURRENT = r.body;
  $('#editor-title').textContent = 'Scenario: ' + CURRENT.name;
  scenarioMsg(`saved (version ${CURRENT.version})`, 'ok');
  await listScenarios();
  return true;
}

async function runScenario() {
  if (!(await saveScenario())) return;
  scenarioMsg('running…');
  const r = await api('POST', `/api/scenarios/${CURRENT.id}/runs`);
  if (!r.ok) { scenarioMsg(r.body.error.message, 'bad'); return; }
  const run = r.body;
  if (run.status === 'succeeded') {
    scenarioMsg('run succeeded', 'ok');
    showIssues($('#scenario-issues'), null);
  } else {
    scenarioMsg(`run ${run.status}: ${run.error ? run.error.message : ''}`, 'bad');
    showIssues($('#scenario-issues'), run.error, scenarioFields());
  }
  await listRuns();
  showRun(run);
}

async function listRuns() {
  const r = await api('GET', `/api/scenarios/${CURRENT.id}/runs?limit=1000`);
  if (!r.ok) return;
  sortableTable($('#run-table'), [
    { key: 'sel', label: '', cell: run => el('input', { type: 'checkbox', value: run.id, 'aria-label': 'select run' }) },
    { key: 'started', label: 'Started (UTC)', value: run => run.started_at, cell: run => el('a', { href: '#scenarios', onclick: async e => {
        e.preventDefault(); const d = await api('GET', `/api/scenarios/${CURRENT.id}/runs/${run.id}`); if (d.ok) showRun(d.body); } },
      run.started_at.replace('T', ' ').slice(0, 19)) },
    { key: 'version', label: 'Scenario version', value: run => run.scenario_version, cell: run => String(run.scenario_version), num: true },
    { key: 'status', label: 'Status', value: run => run.status, cell: run => el('span', { class: 'status-' + run.status }, run.status) },
  ], r.body.runs, { key: 'started', dir: -1 });
  pagedCaption($('#run-table'), r.body.runs.length, r.body.total || 0);
}

function showRun(run) {
  const box = $('#run-result');
  box.replaceChildren(el('h3', {}, `Run of ${run.started_at.replace('T', ' ').slice(0, 19)} — ${run.status}`));
  if (run.status !== 'succeeded') {
    const ul = el('ul', { class: 'issues' });
    showIssues(ul, run.error);
    box.append(ul);
    return;
  }
  renderReport(box, run.result);
  box.querySelector('a.download').parentElement.append(' · ', htmlReportLink(run));
}

async function compareRuns() {
  const ids = $$('#run-table input:checked').map(i => i.value);
  if (ids.length !== 2) { scenarioMsg('tick exactly two runs to compare', 'bad'); return; }
  const runs = await Promise.all(ids.map(id => api('GET', `/api/scenarios/${CURRENT.id}/runs/${id}`)));
  const box = $('#run-result');
  box.replaceChildren(el('h3', {}, 'Run comparison'));
  const failed = runs.filter(r => !r.ok || r.body.status !== 'succeeded');
  if (failed.length) {
    box.append(el('p', { class: 'msg bad' }, 'Only succeeded runs can be compared: ' +
      failed.map(r => r.ok ? `run ${r.body.status}` : r.body.error.message).join('; ')));
    return;
  }
  // one column per plan of each run, oldest run first: "v3 base", "v3 all-h20", "v4 base", ...
  const ordered = runs.map(r => r.body).sort((a, b) => a.started_at.localeCompare(b.started_at));
  const labels = [], plans = [];
  ordered.forEach(run => run.result.plans.forEach(p => {
    labels.push(`v${run.scenario_version} ${p.variant}`);
    plans.push(p);
  }));
  renderComparison(box, labels, plans);
  ordered.forEach(run => {
    const d = el('details', {}, el('summary', {}, `Full report of the run of ${run.started_at.replace('T', ' ').slice(0, 19)} (version ${run.scenario_version})`));
    box.append(d);
    d.addEventListener('toggle', () => { if (d.open && d.childElementCount === 1) renderReport(d, run.result); });
  });
}

/**
 * The measures that matter for a decision, one column per plan (plans are elements of "plans" in
 * the JSON report): when each training run finishes and on what, devices blocked and at risk, the
 * largest unmet serving demand, the cost. A row whose plans disagree is marked to be highlighted.
 */
function comparisonRows(plans) {
  const rows = [];
  const ids = kind => [...new Set(plans.flatMap(p => p[kind].map(x => x.id)))];
  const find = (p, kind, id) => p[kind].find(x => x.id === id);
  for (const id of ids('training')) {
    rows.push({ measure: `training ${id} finishes`, cells: plans.map(p => {
      const t = find(p, 'training', id);
      if (!t) return '–';
      if (!t.placement) return 'not placed';
      const late = t.days_late === null || t.days_late === undefined ? '' : t.days_late > 0 ? ` (+${t.days_late} days)` : ' (in time)';
      return t.placement.finish + late;
    }) });
    rows.push({ measure: `training ${id} runs on`, cells: plans.map(p => {
      const t = find(p, 'training', id);
      return t && t.placement ? `${t.placement.chip_name} × ${fmt(t.placement.peak_devices)}` : '–';
    }) });
  }
  rows.push({ measure: 'devices blocked', cells: plans.map(p => fmt(p.totals.devices_blocked)) });
  rows.push({ measure: 'devices at risk', cells: plans.map(p => fmt(p.totals.devices_at_risk)) });
  for (const id of ids('serving')) {
    rows.push({ measure: `serving ${id}: largest unmet demand (requests/s)`, cells: plans.map(p => {
      const s = find(p, 'serving', id);
      return s ? fmt(s.max_unmet_requests_per_second) : '–';
    }) });
  }
  rows.push({ measure: 'cost over the horizon', cells: plans.map(p => usd(p.totals.cost_usd)) });
  rows.forEach(r => { r.differs = new Set(r.cells).size > 1; });
  return rows;
}

/** A comparison table (differing measures highlighted) and the cost and capacity of every plan on one chart each. */
function renderComparison(box, labels, plans) {
  const rows = comparisonRows(plans);
  box.append(el('table', { class: 'data compare' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Measure'), labels.map(l => el('th', {}, l)))),
    el('tbody', {}, rows.map(r => el('tr', { class: r.differs ? 'differs' : '' }, el('th', {}, r.measure),
      r.cells.map(c => el('td', {}, c)))))),
    el('p', { class: 'hint' }, `Highlighted: the ${rows.filter(r => r.differs).length} measures on which the plans differ.`));
  const months = plans[0].months;
  const overlay = (title, yName, formatter, series) => {
    const c = el('div', { class: 'chart report-chart compare-chart' });
    box.append(el('h4', {}, title), c);
    echarts.init(c).setOption({ tooltip: { trigger: 'axis', valueFormatter: formatter }, legend: { type: 'scroll' },
      grid: { left: 90, right: 30 }, xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: yName, axisLabel: { formatter } }, series });
  };
  overlay('Cost by month, every plan', 'USD', usd, plans.map((p, i) => ({ name: labels[i], type: 'line',
    data: months.map(m => { const c = p.costs.find(x => x.month === m); return c ? Math.round(c.total_usd) : null; }) })));
  overlay('Devices online, every plan', 'devices', fmt, plans.map((p, i) => ({ name: labels[i], type: 'line',
    data: months.map((m, k) => p.pools.reduce((a, pool) => a + (pool.online[k] || 0), 0)) })));
}

/**
 * Renders a planner report (the JSON of chipmix plan --format json): totals, the same four
 * charts as the HTML report (their option builders come from the core's plan-charts.js, shared
 * with HtmlReport) and the compliance findings per delivery.
 */
function renderReport(box, result) {
  box.append(el('p', { class: 'hint' }, result.disclaimer || ''),
    el('p', {}, 'Download: ', downloadLink('JSON', 'plan.json', 'application/json', () => JSON.stringify(result, null, 2)), ' · ',
      downloadLink('CSV (one row per variant and training run)', 'plan-training.csv', 'text/csv', () => planCsv(result))));
  const several = result.plans.length > 1;
  if (several) {
    box.append(el('h3', {}, 'Variants compared'));
    renderComparison(box, result.plans.map(p => p.variant), result.plans);
  }
  result.plans.forEach((p, i) => {
    // with several variants each full plan is folded (the base open), so the page stays readable
    const sec = several ? el('details', { class: 'plan', 'data-variant': p.variant, open: i === 0 },
      el('summary', {}, 'Plan: ' + p.variant + (p.description ? ' — ' + p.description : '')))
      : el('section', { class: 'plan', 'data-variant': p.variant });
    box.append(sec);
    // a chart drawn while folded has no width: fit every chart of a plan when it is unfolded
    if (several) sec.addEventListener('toggle', () => $$('.chart', sec).forEach(c => { const ch = echarts.getInstanceByDom(c); if (ch) ch.resize(); }));
    const t = p.totals;
    sec.append(el('p', { class: 'plan-totals' }, `Cost over the horizon ${usd(t.cost_usd)} (devices ${usd(t.capital_usd)}, `,
      `electricity ${usd(t.electricity_usd)}, rented ${usd(t.rental_usd)}); devices blocked ${fmt(t.devices_blocked)}, at risk ${fmt(t.devices_at_risk)}.`));
    const u = p.uncertainty;
    if (u) {
      const pct = x => (100 * x).toFixed(0) + '%';
      sec.append(el('h4', {}, `Uncertainty (${fmt(u.samples)} samples, seed ${u.seed}; P10 / P50 / P90)`),
        el('ul', { class: 'outlook' },
          u.training.map(r => el('li', {}, `${r.id}: finishes ${r.finish.p10 || '-'} / ${r.finish.p50 || '-'} / ${r.finish.p90 || '-'}`
            + (r.probability_meets_deadline === null ? '' : `; meets its deadline in ${pct(r.probability_meets_deadline)} of samples`))),
          u.serving.map(d => el('li', {}, `${d.id}: up to ${fmt(d.max_unmet_requests_per_second.p10)} / ${fmt(d.max_unmet_requests_per_second.p50)}`
            + ` / ${fmt(d.max_unmet_requests_per_second.p90)} requests/s unmet`)),
          el('li', {}, `cost ${usd(u.cost_usd.p10)} / ${usd(u.cost_usd.p50)} / ${usd(u.cost_usd.p90)}`),
          (u.model_error || []).map(e => el('li', { class: 'model-error', title: `training: ${e.training_basis}\nserving: ${e.serving_basis}` },
            `model error of ${e.chip} (one standard deviation): training ${fmt(100 * e.training_sigma)} %, serving ${fmt(100 * e.serving_sigma)} %`))));
    }
    const charts = [['capacity', 'Capacity by pool (devices online on the first of each month)'],
      ['gantt', 'Training runs against deadlines'], ['serving', 'Serving demand against capacity (requests/s)'], ['cost', 'Cost by month (USD)']];
    if (u) charts.push(['outlook', 'Unmet serving demand over the samples (P10-P90 band, P50)']);
    for (const [kind, title] of charts) {
      const c = el('div', { class: 'chart report-chart', 'data-kind': kind });
      sec.append(el('h4', {}, title), c);
      if (window.chipmixPlanCharts && window.chipmixPlanCharts[kind]) {
        echarts.init(c).setOption(window.chipmixPlanCharts[kind](p));
      } else {
        c.textContent = 'chart builders (/plan-charts.js) not loaded';
      }
    }
    const rows = [];
    p.orders.forEach(o => o.deliveries.forEach(d => rows.push({ o, d })));
    if (rows.length) {
      sec.append(el('h4', {}, 'Compliance findings (rules in force on each arrival date)'),
        el('table', { class: 'data compliance' },
          el('thead', {}, el('tr', {}, ['Order', 'Promised', 'Arrives', 'Devices', 'To', 'Verdict', 'Outcome', 'Reasons', 'Import side'].map(h => el('th', {}, h)))),
          el('tbody', {}, rows.map(({ o, d }) => el('tr', { class: 'verdict-' + d.verdict },
            el('td', {}, o.id), el('td', {}, d.promised), el('td', {}, d.arrives), el('td', { class: 'num' }, fmt(d.arriving)),
            el('td', {}, d.destination), el('td', {}, d.verdict + (d.received ? '' : ' (not received)')), el('td', {}, d.outcome),
            el('td', {}, d.reasons.map(r => el('div', {}, r.text, r.citations.length ? el('span', { class: 'hint' }, ` [${r.citations.join(', ')}]`) : null))),
            el('td', {}, d.import_side.map(r => el('div', {}, r.text, r.citations.length ? el('span', { class: 'hint' }, ` [${r.citations.join(', ')}]`) : null))))))));
    }
    if (p.notes && p.notes.length) sec.append(el('h4', {}, 'Notes'), el('ul', {}, p.notes.map(n => el('li', {}, n))));
  });
  box.append(el('details', {}, el('summary', {}, 'JSON'), el('pre', { class: 'json' }, JSON.stringify(result, null, 2))));
}

/** A link that saves what {@code content} returns as a file (built when clicked, nothing is uploaded). */
function downloadLink(label, filename, type, content) {
  return el('a', { href: '#', class: 'download', onclick: ev => {
    ev.preventDefault();
    const url = URL.createObjectURL(new Blob([content()], { type }));
    const a = el('a', { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } }, label);
}

/** The plan's training runs as CSV, one row per variant and run (the columns of chipmix plan --format csv --table training). */
function planCsv(result) {
  const cell = v => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const header = ['variant', 'id', 'model', 'tokens', 'deadline', 'placed', 'days_late', 'chip', 'start', 'finish', 'peak_devices', 'device_hours'];
  const rows = result.plans.flatMap(p => p.training.map(t => [p.variant, t.id, t.model, t.tokens, t.deadline, t.placed, t.days_late,
    t.placement && t.placement.chip, t.placement && t.placement.start, t.placement && t.placement.finish,
    t.placement && t.placement.peak_devices, t.placement && t.placement.device_hours]));
  return [header, ...rows].map(r => r.map(cell).join(',')).join('\n') + '\n';
}

// ---------- the editor's timeline of deliveries

/**
 * Each order's deliveries by date, drawn from the last valid scenario (redrawn after each
 * validation): promised (filled) and, where the order declares a slip, expected (hollow: later by
 * the delay, fewer by the delivered fraction). A point's size grows with its device count.
 */
function drawDeliveries(orders) {
  const box = $('#scenario-deliveries');
  const slipped = orders.filter(o => o.slip.delay_days > 0 || o.slip.delivered_fraction < 1);
  const count = orders.reduce((n, o) => n + o.deliveries.length, 0);
  $('#scenario-deliveries-caption').textContent = orders.length === 0 ? 'No orders.'
    : `${orders.length} order(s), ${count} deliveries, ${fmt(orders.reduce((n, o) => n + o.deliveries.reduce((m, d) => m + d.count, 0), 0))} devices promised`
      + (slipped.length ? `; slip declared on ${slipped.map(o => `${o.id} (${o.slip.delay_days} days late, ${fmt(o.slip.delivered_fraction * 100)} % delivered)`).join(', ')}.` : '; no slip declared.');
  box.dataset.orders = String(orders.length);
  fillSlipForm(orders);
  box.dataset.slipped = slipped.map(o => o.id).join(',');
  const chart = echarts.getInstanceByDom(box) || echarts.init(box);
  const labels = orders.map(o => `${o.id} (${o.chip})`);
  const max = Math.max(1, ...orders.flatMap(o => o.deliveries.map(d => d.count)));
  const size = v => 8 + 22 * Math.sqrt(v[2] / max);
  const point = (o, i, date, n) => [date, labels[i], n];
  chart.setOption({
    tooltip: { trigger: 'item', formatter: p => `${esc(p.seriesName)}: ${esc(p.value[1])}<br>${esc(p.value[0])}: ${esc(fmt(p.value[2]))} devices` },
    legend: {}, grid: { left: 160, right: 30, bottom: 40 },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: labels },
    series: [
      { name: 'promised', type: 'scatter', symbolSize: size, data: orders.flatMap((o, i) => o.deliveries.map(d => point(o, i, d.date, d.count))) },
      { name: 'expected with the declared slip', type: 'scatter', symbolSize: size, itemStyle: { color: 'transparent', borderColor: '#c0392b', borderWidth: 2 },
        data: orders.flatMap((o, i) => slipped.includes(o) ? o.deliveries.map(d => point(o, i, d.arrives, d.arriving)) : []) },
    ],
  }, true);
}

// ---------- the slip form: an order's slip written into the YAML as a variant (a merge patch)

function fillSlipForm(orders) {
  const sel = $('#slip-order');
  const keep = sel.value;
  sel.replaceChildren(...orders.map(o => el('option', { value: o.id }, `${o.id} (${o.chip})`)));
  if (orders.some(o => o.id === keep)) sel.value = keep;
  $('#slip-add').onclick = addSlipVariant;
}

/** Appends the variant to the YAML's variants (creating the list), then validates: the server checks the values. */
function addSlipVariant() {
  const yaml = $('#scenario-yaml').value;
  const item = [`- name: ${JSON.stringify($('#slip-variant').value.trim())}`, '  orders:',
    `    - id: ${JSON.stringify($('#slip-order').value)}`,
    `      slip: {delay_days: ${Number($('#slip-delay').value)}, delivered_fraction: ${Number($('#slip-fraction').value)}}`];
  const updated = withVariant(yaml, item);
  if (updated === null) { scenarioMsg('the variants here are not a block list; add the variant by hand', 'bad'); return; }
  $('#scenario-yaml').value = updated;
  validateScenario();
}

/** {@code yaml} with the variant {@code item} (lines, unindented) added to its {@code variants:} block list (null when in flow style). */
function withVariant(yaml, item) {
  return withItem(yaml, 'variants', item);
}

// ---------- the scenario form: orders, pools, training runs and serving demands beside the YAML

/**
 * The four kinds of item the form edits: each top-level YAML list, its form fields (YAML key,
 * label, input type, required) and the columns of its table (from the last valid YAML). A field
 * marked {@code inPlace} can be changed on an existing item: its value is rewritten on its own
 * line of the YAML, keeping the item's other keys and comments.
 */
const FORM_KINDS = [
  { key: 'orders', label: 'Orders', one: 'order', fields: [
    { key: 'id', label: 'Id', required: true }, { key: 'chip', label: 'Chip', chip: true, required: true, inPlace: true },
    { key: 'quantity', label: 'Quantity (devices)', type: 'number', required: true, inPlace: true },
    { key: 'deliveries', label: 'Deliveries (date count, …)', placeholder: '2025-06-30 20000, 2025-09-30 20000', required: true, deliveries: true, inPlace: true },
    { key: 'unit_price_usd', label: 'Unit price (US$, optional)', type: 'number', inPlace: true }],
    columns: [['id', 'Id'], ['chip', 'Chip'], ['quantity', 'Quantity', true], [o => o.deliveries.map(d => `${d.date}: ${fmt(d.count)}`).join(', '), 'Deliveries']] },
  { key: 'pools', label: 'Pools', one: 'pool', fields: [
    { key: 'id', label: 'Id', required: true }, { key: 'chip', label: 'Chip', chip: true, required: true, inPlace: true },
    { key: 'count', label: 'Count (devices)', type: 'number', required: true, inPlace: true },
    { key: 'online', label: 'Online from', type: 'date', required: true, inPlace: true }],
    columns: [['id', 'Id'], ['chip', 'Chip'], ['count', 'Count', true], ['online', 'Online from']] },
  { key: 'training', label: 'Training runs', one: 'run', fields: [
    { key: 'id', label: 'Id', required: true }, { key: 'model', label: 'Model', model: true, required: true, inPlace: true },
    { key: 'tokens', label: 'Tokens (trillions)', type: 'number', required: true, inPlace: true, scale: 1e12 },
    { key: 'sequence_length', label: 'Sequence length', type: 'number', required: true, value: 4096, inPlace: true },
    { key: 'global_batch', label: 'Global batch (sequences)', type: 'number', required: true, value: 2048, inPlace: true },
    { key: 'earliest_start', label: 'Earliest start', type: 'date', required: true, inPlace: true },
    { key: 'deadline', label: 'Deadline (optional)', type: 'date', inPlace: true },
    { key: 'devices', label: 'Devices (optional)', type: 'number', inPlace: true },
    { key: 'pools', label: 'Pools (ids, comma-separated)', list: true, required: true, inPlace: true }],
    columns: [['id', 'Id'], ['model', 'Model'], [r => fmt(r.tokens), 'Tokens', true], [r => r.devices === null ? 'planner chooses' : fmt(r.devices), 'Devices', true],
      [r => r.deadline || '–', 'Deadline'], [r => r.pools.join(', '), 'Pools']] },
  { key: 'serving', label: 'Serving demands', one: 'demand', fields: [
    { key: 'id', label: 'Id', required: true }, { key: 'model', label: 'Model', model: true, required: true, inPlace: true },
    { key: 'month', label: 'From month', type: 'month', required: true, rps: true },
    { key: 'requests_per_second', label: 'Requests per second', type: 'number', required: true, rps: true },
    { key: 'prompt_tokens', label: 'Prompt tokens', type: 'number', required: true, value: 1000, inPlace: true },
    { key: 'output_tokens', label: 'Output tokens', type: 'number', required: true, value: 400, inPlace: true },
    { key: 'ttft_ms', label: 'Time to first token (ms)', type: 'number', required: true, value: 2000, inPlace: true },
    { key: 'tpot_ms', label: 'Time per output token (ms)', type: 'number', required: true, value: 50, inPlace: true },
    { key: 'pools', label: 'Pools (ids, comma-separated)', list: true, required: true, inPlace: true }],
    columns: [['id', 'Id'], ['model', 'Model'], [d => fmt(d.peak_requests_per_second), 'Peak requests/s', true], [d => d.pools.join(', '), 'Pools']] },
];

let FORM_OUTLINE = { orders: [], pools: [], training: [], serving: [] };

/** Builds the form's four sections once (chips and models as choices). */
async function buildScenarioForm() {
  const [chips, models] = await Promise.all([chipOptions(), modelOptions()]);
  const box = $('#scenario-form');
  box.replaceChildren(el('p', { class: 'hint' }, 'Add, change or remove items here or in the YAML: the form writes the YAML, '
    + 'and each valid YAML refills the tables. For a demand, Change sets the requests per second of the month given.'),
    ...FORM_KINDS.map(k => {
      const inputs = k.fields.map(f => {
        const input = f.chip ? select(chips, (chips[0] || {}).value) : f.model ? select(models, (models[0] || {}).value)
          : el('input', { type: f.type || 'text', step: f.type === 'number' ? 'any' : undefined, placeholder: f.placeholder,
            value: f.value === undefined ? undefined : String(f.value) });
        return field(`sf-${k.key}`, f.key, f.label, input);
      });
      return el('details', { class: 'form-kind', id: `sf-${k.key}`, open: k.key === 'orders' || k.key === 'pools' },
        el('summary', {}, k.label, ' ', el('span', { class: 'count hint', id: `sf-${k.key}-count` })),
        el('table', { class: 'data', id: `sf-${k.key}-table` }),
        el('form', { class: 'grid', id: `sf-${k.key}-form`, onsubmit: e => { e.preventDefault(); formAdd(k); } }, ...inputs),
        el('div', { class: 'toolbar' },
          el('button', { type: 'button', id: `sf-${k.key}-add`, onclick: () => formAdd(k) }, `Add ${k.one}`),
          el('button', { type: 'button', id: `sf-${k.key}-update`, onclick: () => formUpdate(k) }, `Change ${k.one} (by id)`),
          el('span', { class: 'msg', id: `sf-${k.key}-msg` })));
    }));
  renderScenarioForm(FORM_OUTLINE);
}

/** Refills the tables from a valid scenario's outline (YAML to form). */
function renderScenarioForm(outline) {
  FORM_OUTLINE = outline;
  for (const k of FORM_KINDS) {
    const table = $(`#sf-${k.key}-table`);
    if (!table) return;
    const items = outline[k.key] || [];
    $(`#sf-${k.key}-count`).textContent = `(${items.length})`;
    table.replaceChildren(el('tr', {}, ...k.columns.map(c => el('th', {}, c[1])), el('th', {}, '')),
      ...items.map(item => el('tr', { 'data-id': item.id },
        ...k.columns.map(([get, , isNum]) => el('td', { class: isNum ? 'num' : undefined },
          typeof get === 'function' ? get(item) : isNum ? fmt(item[get]) : String(item[get]))),
        el('td', {}, el('button', { type: 'button', onclick: () => formEdit(k, item) }, 'Edit'), ' ',
          el('button', { type: 'button', onclick: () => formRemove(k, item.id) }, 'Remove')))));
  }
}

/** A field of {@code item} as its form input writes it ('' where the outline has no value for it). */
function formText(f, item) {
  const v = item[f.key];
  if (v === undefined || v === null) return '';
  if (f.list) return v.join(', ');
  if (f.scale) return String(v / f.scale);
  if (f.deliveries) return v.map(d => `${d.date} ${d.count}`).join(', ');
  return String(v);
}

/** Puts an item's values into its form, for a change by id. */
function formEdit(k, item) {
  const form = $(`#sf-${k.key}-form`);
  for (const f of k.fields) {
    const text = formText(f, item);
    if (text !== '' || f.inPlace || f.key === 'id') form.elements[f.key].value = text;
  }
  form.scrollIntoView({ block: 'nearest' });
}

/** The form's values as YAML scalars by key, or null after marking what is missing or malformed. */
function formValues(k) {
  const form = $(`#sf-${k.key}-form`);
  const out = {};
  const issues = [];
  for (const f of k.fields) {
    const raw = form.elements[f.key].value.trim();
    if (raw === '') { if (f.required) issues.push({ path: f.key, message: 'is required' }); continue; }
    if (f.type === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n)) { issues.push({ path: f.key, message: `must be a number, got '${raw}'` }); continue; }
      out[f.key] = plainNumber(f.scale ? Math.round(n * f.scale) : n);
    } else if (f.list) {
      out[f.key] = '[' + raw.split(',').map(s => s.trim()).filter(Boolean).map(s => JSON.stringify(s)).join(', ') + ']';
    } else if (f.deliveries) {
      const parts = raw.split(',').map(s => s.trim()).filter(Boolean).map(s => s.split(/\s+/));
      const bad = parts.find(p => p.length !== 2 || !/^\d{4}-\d{2}-\d{2}$/.test(p[0]) || !/^\d+$/.test(p[1]));
      if (bad) { issues.push({ path: f.key, message: `write each delivery as 'YYYY-MM-DD count', got '${bad.join(' ')}'` }); continue; }
      out[f.key] = parts.map(p => `{date: ${p[0]}, count: ${p[1]}}`);
    } else if (f.type === 'date' || f.type === 'month') {
      out[f.key] = raw;
    } else {
      out[f.key] = JSON.stringify(raw);
    }
  }
  showIssues($('#scenario-issues'), issues.length ? { message: 'the form', issues } : null, formFields(form));
  return issues.length ? null : out;
}

/** Form to YAML: the item appended to its top-level list, then validated (the server checks the values). */
function formAdd(k) {
  const v = formValues(k);
  if (!v) return;
  const lines = [];
  for (const f of k.fields) {
    if (!(f.key in v) || f.rps) continue;
    if (f.deliveries) { lines.push('deliveries:', ...v[f.key].map(d => '  - ' + d)); continue; }
    lines.push(`${f.key}: ${v[f.key]}`);
  }
  if (k.key === 'serving') lines.push('requests_per_second:', `  ${v.month}: ${v.requests_per_second}`);
  lines[0] = '- ' + lines[0];
  for (let i = 1; i < lines.length; i++) lines[i] = '  ' + lines[i];
  const updated = withItem($('#scenario-yaml').value, k.key, lines);
  if (updated === null) { $(`#sf-${k.key}-msg`).textContent = `the ${k.key} here are not a block list; add the ${k.one} in the YAML`; return; }
  $('#scenario-yaml').value = updated;
  $(`#sf-${k.key}-msg`).textContent = `${k.one} ${JSON.parse(v.id)} added`;
  validateScenario();
}

/**
 * Form to YAML: each field that can change in place and now differs from the item (as the last
 * valid YAML has it) is rewritten on the item's own line. Press Edit on a row to start from its values.
 */
function formUpdate(k) {
  const form = $(`#sf-${k.key}-form`);
  const id = form.elements.id.value.trim();
  const item = (FORM_OUTLINE[k.key] || []).find(i => i.id === id);
  let yaml = $('#scenario-yaml').value;
  if (!item || findItem(yaml.split('\n'), k.key, id) === null) { $(`#sf-${k.key}-msg`).textContent = `no ${k.one} '${id}' in the last valid YAML`; return; }
  const changed = k.fields.filter(f => f.inPlace && form.elements[f.key].value.trim() !== formText(f, item));
  const v = formValues({ ...k, fields: [k.fields.find(f => f.key === 'id'), ...changed] });
  if (!v) return;
  const skipped = [];
  if (k.key === 'serving' && form.elements.month.value && form.elements.requests_per_second.value.trim()) {
    const rps = Number(form.elements.requests_per_second.value);
    if (!Number.isFinite(rps)) { $(`#sf-${k.key}-msg`).textContent = 'requests per second must be a number'; return; }
    const next = withMonth(yaml, id, form.elements.month.value, plainNumber(rps));
    if (next === null) skipped.push('requests_per_second'); else yaml = next;
  }
  for (const f of changed.filter(f => f.key in v)) {
    const value = Array.isArray(v[f.key]) ? '[' + v[f.key].join(', ') + ']' : v[f.key];
    const next = withField(yaml, k.key, id, f.key, value);
    if (next === null) skipped.push(f.key); else yaml = next;
  }
  $('#scenario-yaml').value = yaml;
  $(`#sf-${k.key}-msg`).textContent = skipped.length ? `${k.one} ${id} changed; change ${skipped.join(', ')} in the YAML (written across lines there)` : `${k.one} ${id} changed`;
  validateScenario();
}

function formRemove(k, id) {
  const updated = withoutItem($('#scenario-yaml').value, k.key, id);
  if (updated === null) { $(`#sf-${k.key}-msg`).textContent = `remove ${k.one} ${id} in the YAML`; return; }
  $('#scenario-yaml').value = updated;
  $(`#sf-${k.key}-msg`).textContent = `${k.one} ${id} removed`;
  validateScenario();
}

/** The top-level block list {@code key}: its first line, its end and its items' indent; null when absent or not a block list. */
function blockList(lines, key) {
  const start = lines.findIndex(l => new RegExp(`^${key}:`).test(l));
  if (start < 0 || !new RegExp(`^${key}:\\s*(#.*)?$`).test(lines[start])) return null;
  let end = start + 1;
  while (end < lines.length && !/^[^\s#]/.test(lines[end])) end++;
  const first = lines.slice(start + 1, end).find(l => /^\s*-\s/.test(l));
  return { start, end, indent: first ? first.match(/^(\s*)/)[1] : '  ' };
}

/** The lines [from, to) of the item of list {@code key} whose id is {@code id}, or null. */
function findItem(lines, key, id) {
  const b = blockList(lines, key);
  if (!b) return null;
  const starts = [];
  for (let i = b.start + 1; i < b.end; i++) if (lines[i].startsWith(b.indent + '-')) starts.push(i);
  const quoted = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const idLine = new RegExp(`(^|[\\s{,-])id:\\s*["']?${quoted}["']?\\s*([,}#]|$)`);
  for (let n = 0; n < starts.length; n++) {
    let to = n + 1 < starts.length ? starts[n + 1] : b.end;
    while (to > starts[n] + 1 && /^\s*(#.*)?$/.test(lines[to - 1])) to--;
    // the id is the item's own key: on its first line or at the item's key indent, not a nested item's
    const own = lines.slice(starts[n], to).filter((l, j) => j === 0 || l.startsWith(b.indent + '  ') && !l.startsWith(b.indent + '   '));
    if (own.some(l => idLine.test(l))) return { from: starts[n], to, indent: b.indent };
  }
  return null;
}

/** {@code yaml} with {@code item} (lines, unindented) added at the end of its top-level {@code key:} block list (created when absent). */
function withItem(yaml, key, item) {
  const lines = yaml.replace(/\s*$/, '').split('\n');
  let start = lines.findIndex(l => new RegExp(`^${key}:`).test(l));
  if (start >= 0 && new RegExp(`^${key}:\\s*\\[\\s*\\]\\s*(#.*)?$`).test(lines[start])) lines[start] = `${key}:`;
  if (start < 0) { lines.push(`${key}:`); start = lines.length - 1; }
  const b = blockList(lines, key);
  if (!b) return null;
  let at = b.end;
  while (at > b.start + 1 && /^\s*(#.*)?$/.test(lines[at - 1])) at--;
  lines.splice(at, 0, ...item.map(l => b.indent + l));
  return lines.join('\n') + '\n';
}

/** {@code yaml} without the item {@code id} of list {@code key} (an emptied list becomes {@code key: []}); null when not found. */
function withoutItem(yaml, key, id) {
  const lines = yaml.split('\n');
  const it = findItem(lines, key, id);
  if (!it) return null;
  lines.splice(it.from, it.to - it.from);
  const b = blockList(lines, key);
  if (b && !lines.slice(b.start + 1, b.end).some(l => /^\s*-/.test(l))) lines[b.start] = `${key}: []`;
  return lines.join('\n');
}

/**
 * {@code yaml} with the requests per second of serving demand {@code id} in {@code month} set to
 * {@code value}: the month's line of its {@code requests_per_second} block rewritten, or added at
 * the block's end (the other months stay); null when the mapping is not a block (flow style).
 */
function withMonth(yaml, id, month, value) {
  const lines = yaml.split('\n');
  const it = findItem(lines, 'serving', id);
  if (!it) return null;
  const at = lines.findIndex((l, i) => i >= it.from && i < it.to && /^(\s*-\s+|\s*)requests_per_second:\s*(#.*)?$/.test(l));
  if (at < 0) return null;
  const base = lines[at].match(/^(\s*)/)[1].length + (lines[at].trimStart().startsWith('-') ? 2 : 0);
  let end = at + 1;
  let indent = null;
  for (; end < it.to; end++) {
    const l = lines[end];
    if (/^\s*(#.*)?$/.test(l)) continue;
    const n = l.match(/^(\s*)/)[1].length;
    if (n <= base) break;
    if (indent === null) indent = l.slice(0, n);
    if (new RegExp(`^\\s*["']?${month}["']?:`).test(l)) {
      lines[end] = l.replace(/:\s*[^#]*?(\s*(?:#.*)?)$/, `: ${value}$1`);
      return lines.join('\n');
    }
  }
  let ins = end;
  while (ins > at + 1 && /^\s*(#.*)?$/.test(lines[ins - 1])) ins--;
  lines.splice(ins, 0, `${indent === null ? ' '.repeat(base + 2) : indent}${month}: ${value}`);
  return lines.join('\n');
}

/**
 * {@code yaml} with {@code field} of item {@code id} set to {@code value}: rewritten where it is
 * written on one line (block {@code field: value} or inside the item's flow mapping), else added
 * as a line of the item; a value written across lines (a block list) is replaced as a whole.
 * Null when the item is not there, or it is a flow mapping without the field.
 */
function withField(yaml, key, id, field, value) {
  const lines = yaml.split('\n');
  const it = findItem(lines, key, id);
  if (!it) return null;
  const keyIndent = it.indent + '  ';
  for (let i = it.from; i < it.to; i++) {
    const own = i === it.from || (lines[i].startsWith(keyIndent) && !lines[i].startsWith(keyIndent + ' '));
    if (!own) continue;
    const block = lines[i].match(new RegExp(`^(\\s*(?:-\\s+)?${field}:\\s*)([^#{\\[]*?|\\[[^\\]]*\\])(\\s*(?:#.*)?)$`));
    if (block) {
      // a nested block (a list or mapping written across lines) is replaced as a whole by the flow value
      let end = i + 1;
      if (block[2].trim() === '') {
        const indent = lines[i].match(/^(\s*)/)[1].length + (lines[i].trimStart().startsWith('-') ? 2 : 0);
        const inBlock = l => { const n = l.match(/^(\s*)/)[1].length; return n > indent || (n === indent && /^\s*-\s/.test(l)); };
        while (end < it.to && (/^\s*$/.test(lines[end]) || inBlock(lines[end]))) end++;
      }
      const head = /\s$/.test(block[1]) ? block[1] : block[1] + ' ';
      lines.splice(i, end - i, head + value + (block[2].trim() === '' ? '' : block[3]));
      return lines.join('\n');
    }
    const flow = lines[i].match(new RegExp(`([{,]\\s*${field}:\\s*)(\\[[^\\]]*\\]|[^,}]*)`));
    if (flow && /\{/.test(lines[i])) {
      lines[i] = lines[i].slice(0, flow.index) + flow[1] + value + lines[i].slice(flow.index + flow[0].length);
      return lines.join('\n');
    }
  }
  if (/\{/.test(lines[it.from])) return null; // a flow item without the field: left to the YAML
  lines.splice(it.to, 0, `${keyIndent}${field}: ${value}`);
  return lines.join('\n');
}

// ---------- downloads of every result (JSON as the API answered, CSV for spreadsheets)

/**
 * "Download: JSON · CSV" for a result: the JSON is the API's answer as it came, the CSV what
 * {@code csv} returns (built when clicked). {@code base} names the files.
 */
function resultDownloads(base, json, csv) {
  return el('p', { class: 'downloads', id: base + '-downloads' }, 'Download: ',
    downloadLink('JSON', base + '.json', 'application/json', () => JSON.stringify(json, null, 2)), ' · ',
    downloadLink('CSV', base + '.csv', 'text/csv', csv));
}

/** {@link resultDownloads} placed right after {@code anchor}, replacing the links of an earlier answer. */
function placeDownloads(anchor, base, json, csv) {
  const old = document.getElementById(base + '-downloads');
  if (old) old.remove();
  anchor.after(resultDownloads(base, json, csv));
}

/**
 * Rows of objects as CSV, as the CLI's --format csv lays out JSON: nested objects become dotted
 * columns (memory.total_gib), lists of values one cell joined by "; ", lists of objects are left out.
 * Numbers are written in full, never in scientific notation.
 */
function toCsv(rows) {
  const flat = rows.map(r => { const out = {}; flattenInto(r, '', out); return out; });
  const columns = [];
  flat.forEach(r => Object.keys(r).forEach(k => { if (!columns.includes(k)) columns.push(k); }));
  const kept = columns.filter(c => !columns.some(o => o.startsWith(c + '.')));
  const cell = v => {
    const s = v === null || v === undefined ? '' : typeof v === 'number' ? plainNumber(v) : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [kept, ...flat.map(r => kept.map(c => r[c]))].map(r => r.map(cell).join(',')).join('\n') + '\n';
}

function flattenInto(v, prefix, out) {
  if (Array.isArray(v)) {
    if (v.every(x => x === null || typeof x !== 'object')) out[prefix] = v.map(x => x === null ? '' : typeof x === 'number' ? plainNumber(x) : String(x)).join('; ');
  } else if (v !== null && typeof v === 'object') {
    Object.entries(v).forEach(([k, x]) => flattenInto(x, prefix ? prefix + '.' + k : k, out));
  } else {
    out[prefix] = v;
  }
}

/** A number in full ("15000000000000", "0.000125"), never "1.5e+13". */
function plainNumber(x) {
  if (!Number.isFinite(x)) return '';
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return Math.abs(x) >= 1 ? BigInt(Math.round(x)).toString() : x.toFixed(20).replace(/0+$/, '');
}

/** The chips comparison: one row per metric, the nominal value of each picked chip in its column. */
function compareCsv(chips, keys) {
  return toCsv(keys.map(k => {
    const row = { metric: k, label: metricLabel(k) };
    chips.forEach(c => { const m = chipMetric(c, k); row[c.id] = m ? m.value : null; });
    return row;
  }));
}

/** The timeline: one row per date on which the answer changed, with the chip and destination. */
function timelineRows(t) {
  return t.entries.map(e => ({ chip: t.chip.id, destination: t.destination, ...e, reason_rules: e.reasons.map(x => x.rule) }));
}

/** The matrix: one row per chip and destination, with the answer's date and stale flag. */
function matrixRows(m) {
  return m.rows.flatMap(row => row.cells.map(c => ({ chip: row.chip, ...c, date: m.date, stale: m.stale, stale_days: m.stale_days })));
}

/** The HTML report of a stored run, rendered by the server (the same document as chipmix plan --html). */
function htmlReportLink(run) {
  return el('a', { class: 'download', id: 'run-html-report', download: '',
    href: `/api/scenarios/${encodeURIComponent(run.scenario_id)}/runs/${encodeURIComponent(run.id)}/report.html` }, 'HTML report');
}

// ---------- Sweeps: a grid of assumptions over a scenario, run in the background (docs/sweeps.md, docs/web.md)

const SWEEP_EXAMPLE = `# Axes over the scenario's fields (docs/sweeps.md). The scenario is the one chosen above;
# the 'scenario' key is not read as a path here.
scenario: chosen-above
samples: 20          # Monte Carlo samples per point (the planner's, as plan --samples)
seed: 1
axes:
  - name: 910b-delivered
    path: orders[ascend-910b].slip.delivered_fraction
    values: [0.3, 0.5, 0.7]
  - name: chatbot-demand
    path: serving[chatbot].requests_per_second
    multiply: [1, 4]
`;

let SWEEP_POLL = null;

TABS.sweeps = async function () {
  const r = await api('GET', '/api/scenarios?limit=1000');
  const options = [{ value: '', label: 'the bundled example' }].concat(
    r.ok ? r.body.scenarios.map(s => ({ value: s.id, label: s.name })) : []);
  $('#sweeps-body').replaceChildren(
    el('p', { class: 'hint' }, 'Plan a scenario over a grid of assumptions and see which one moves each outcome most. '
      + 'The sweep runs in the background on this server (at most 1,000 points and 100,000 rows, 10 minutes, one at a time); '
      + 'for more, use chipmix sweep on the command line or on Apache Spark.'),
    el('div', { class: 'field' }, el('label', { for: 'sweep-scenario' }, 'Scenario'), select(options, '')),
    el('div', { class: 'field' }, el('label', { for: 'sweep-yaml' }, 'Sweep (YAML)'),
      el('textarea', { id: 'sweep-yaml', rows: 16, spellcheck: 'false' }), el('span', { class: 'err', 'data-for': 'sweep' })),
    el('div', { class: 'toolbar' },
      el('button', { id: 'sweep-start', type: 'button', onclick: startSweep }, 'Start sweep'),
      el('button', { id: 'sweep-cancel', type: 'button', onclick: cancelSweep, disabled: true }, 'Cancel'),
      el('span', { class: 'msg', id: 'sweep-msg' })),
    el('ul', { class: 'issues', id: 'sweep-issues' }),
    el('div', { id: 'sweep-result' }));
  $('#sweeps-body select').id = 'sweep-scenario';
  $('#sweep-yaml').value = SWEEP_EXAMPLE;
};

let SWEEP_ID = null;

function sweepMsg(text, kind) {
  const m = $('#sweep-msg');
  m.className = 'msg ' + (kind || '');
  m.textContent = text;
}

async function startSweep() {
  const body = { sweep: $('#sweep-yaml').value };
  const scenario = $('#sweep-scenario').value;
  if (scenario) body.scenario_id = scenario;
  showIssues($('#sweep-issues'), null);
  $('#sweep-result').replaceChildren();
  sweepMsg('checking the sweep…');
  const r = await api('POST', '/api/sweeps', body);
  if (!r.ok) {
    sweepMsg(r.body.error.message, 'bad');
    showIssues($('#sweep-issues'), r.body.error, { sweep: $('#sweep-yaml'), '*': $('#sweep-yaml') });
    return;
  }
  SWEEP_ID = r.body.id;
  $('#sweep-start').disabled = true;
  $('#sweep-cancel').disabled = false;
  showSweep(r.body);
  clearInterval(SWEEP_POLL);
  SWEEP_POLL = setInterval(pollSweep, 1000);
}

async function pollSweep() {
  if (!SWEEP_ID) return;
  const r = await api('GET', `/api/sweeps/${encodeURIComponent(SWEEP_ID)}`);
  if (!r.ok) { clearInterval(SWEEP_POLL); sweepMsg(r.body.error.message, 'bad'); return; }
  showSweep(r.body);
}

async function cancelSweep() {
  if (!SWEEP_ID) return;
  await api('DELETE', `/api/sweeps/${encodeURIComponent(SWEEP_ID)}`);
  await pollSweep();
}

/** Progress while it runs (done / total, rate, time left), then the summary. */
function showSweep(v) {
  if (v.status === 'running') {
    const left = v.seconds_left === undefined ? 'time left unknown' : `about ${fmt(v.seconds_left)} s left`;
    sweepMsg(`running: ${fmt(v.done)} / ${fmt(v.total)} plans, ${fmt(v.plans_per_second)} plans/s, ${left}`);
    return;
  }
  clearInterval(SWEEP_POLL);
  $('#sweep-start').disabled = false;
  $('#sweep-cancel').disabled = true;
  if (v.status !== 'succeeded') { sweepMsg(`sweep ${v.status}: ${v.error || ''}`, 'bad'); return; }
  sweepMsg(`done: ${fmt(v.total)} plans at ${fmt(v.plans_per_second)} plans/s`, 'ok');
  renderSweepSummary(v.id, v.summary);
}

function renderSweepSummary(id, s) {
  const out = $('#sweep-result');
  out.replaceChildren(
    el('p', { class: 'hint' }, `${s.grid_points} points x ${s.samples} sample(s)`
      + (s.failed_points ? `, ${s.failed_points} point(s) not valid` : '') + '. ' + s.note),
    el('a', { class: 'download', download: '', href: `/api/sweeps/${encodeURIComponent(id)}/report.html` }, 'HTML page'));
  out.append(el('h3', {}, 'Sensitivity'), el('p', { class: 'hint' },
    "For each outcome and axis: the outcome's mean at each of the axis's values, the other axes averaged; the axis with the largest range moves it most."));
  s.sensitivity.forEach(se => {
    const chartEl = el('div', { class: 'chart' });
    out.append(el('h4', {}, `${se.outcome} (mean ${fmt(se.mean)})`), chartEl,
      el('table', { class: 'data' }, el('tr', {}, ['axis', 'range', 'low', 'at', 'high', 'at'].map(h => el('th', {}, h))),
        se.axes.map(a => el('tr', {}, el('td', {}, a.axis), el('td', {}, a.range === 0 ? '0 (no effect)' : fmt(a.range)),
          el('td', {}, fmt(a.low)), el('td', {}, a.low_value), el('td', {}, fmt(a.high)), el('td', {}, a.high_value)))));
    const axes = se.axes.slice().reverse();
    echarts.init(chartEl).setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: ps => { const a = axes[ps[0].dataIndex];
          return esc(a.axis) + '<br>low ' + esc(fmt(a.low)) + ' at ' + esc(a.low_value) + '<br>high ' + esc(fmt(a.high)) + ' at ' + esc(a.high_value); } },
      grid: { left: 200, right: 40, top: 20, bottom: 30 },
      xAxis: { type: 'value', name: 'difference from the mean' },
      yAxis: { type: 'category', data: axes.map(a => a.axis) },
      series: [
        { type: 'bar', stack: 't', name: 'lowest mean', itemStyle: { color: '#4a78b5' }, data: axes.map(a => a.low - se.mean) },
        { type: 'bar', stack: 't', name: 'highest mean', itemStyle: { color: '#c8553d' }, data: axes.map(a => a.high - se.mean) }]
    });
  });
  const outcomes = s.sensitivity.map(se => se.outcome);
  out.append(el('h3', {}, 'Per point'), el('p', { class: 'hint' }, "Mean; P10 / P50 / P90 over the point's samples."),
    el('table', { class: 'data', id: 'sweep-points' },
      el('tr', {}, el('th', {}, '#'), s.axes.map(a => el('th', {}, a)), outcomes.map(o => el('th', {}, o))),
      s.points.map(p => el('tr', {}, el('td', {}, p.point), s.axes.map(a => el('td', {}, p.values[a])),
        outcomes.map(o => { const st = p.outcomes[o];
          return el('td', {}, !st ? '' : fmt(st.mean) + (p.samples > 1 ? `; ${fmt(st.p10)} / ${fmt(st.p50)} / ${fmt(st.p90)}` : '')); })))));
}

// ---------- start

document.addEventListener('DOMContentLoaded', () => {
  $$('#tabs button').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
  window.addEventListener('hashchange', () => showTab(location.hash.slice(1)));
  showTab(location.hash.slice(1));
});
