// The ZES reporting dashboard: one call to /api/v1/reports/monitoring per period, charts (ECharts from the
// gateway's WebJar) and tables of its numbers, CSV downloads through fetch with the user's key.
'use strict';

const KEY_STORAGE = 'zes.apiKey';
const API = '/api/v1/reports/';
const TYPE_NAMES = {
  PRIVATE_USE: 'Particulier gebruik bedrijfs- en vrachtauto',
  DISABILITY_ADAPTED: 'Aangepast vanwege een handicap',
  SPECIAL_VEHICLE: 'Bijzondere voertuigen met een DET tot 13 jaar oud',
  NOT_AVAILABLE_ZERO_EMISSION: 'Emissieloos niet verkrijgbaar',
  DELIVERY_TIME: 'Levertijd van een vervangend emissieloos voertuig',
  BUSINESS_ECONOMIC: 'Bedrijfseconomische omstandigheden',
  HARDSHIP: 'Hardheidsclausule',
  GRID_CONGESTION: 'Netcongestie'
};
const OUTCOMES = [['granted', 'Granted (incl. later revoked)'], ['rejected', 'Rejected'],
  ['setAside', 'Set aside'], ['pending', 'Pending']];

const $ = (id) => document.getElementById(id);

function key() {
  return sessionStorage.getItem(KEY_STORAGE) || '';
}

function headers(accept) {
  const h = { Accept: accept };
  if (key()) {
    h.Authorization = 'Bearer ' + key();
  }
  return h;
}

function isoDate(d) {
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

/** The two last complete months, as the bimonthly letter covers. */
function defaultPeriod() {
  const now = new Date();
  return [isoDate(new Date(now.getFullYear(), now.getMonth() - 2, 1)), isoDate(new Date(now.getFullYear(), now.getMonth(), 0))];
}

function setStatus(text, state) {
  $('status').textContent = text;
  document.body.dataset.state = state;
}

async function problemText(response) {
  try {
    const problem = await response.json();
    return response.status + ' ' + (problem.title || '') + (problem.detail ? ': ' + problem.detail : '');
  } catch (e) {
    return 'HTTP ' + response.status;
  }
}

function query() {
  return '?from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value);
}

async function load() {
  if (!$('from').value || !$('to').value) {
    setStatus('Choose a period.', 'idle');
    return;
  }
  setStatus('Loading…', 'loading');
  let response;
  try {
    response = await fetch(API + 'monitoring' + query(), { headers: headers('application/json') });
  } catch (e) {
    setStatus('The gateway cannot be reached.', 'error');
    return;
  }
  if (!response.ok) {
    const hint = response.status === 401 ? ' Enter a valid API key above.' : '';
    setStatus(await problemText(response) + hint, 'error');
    return;
  }
  const report = await response.json();
  render(report);
  document.body.dataset.period = report.from + '/' + report.to;
  setStatus('Period ' + report.from + ' to ' + report.to + '.', 'ready');
}

function chart(id) {
  const el = $(id);
  return echarts.getInstanceByDom(el) || echarts.init(el);
}

function barChart(id, categories, series, valueAxis) {
  chart(id).setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    grid: { left: 60, right: 20, top: series.length > 1 ? 40 : 20, bottom: 60 },
    xAxis: { type: 'category', data: categories, axisLabel: { rotate: categories.length > 8 ? 45 : 0 } },
    yAxis: Object.assign({ type: 'value' }, valueAxis || {}),
    series: series.map((s) => Object.assign({ type: 'bar' }, s))
  }, true);
}

function render(report) {
  const exemptions = report.exemptions;
  const days = report.dayExemptions;
  const compliance = report.compliance;
  const enforcement = report.enforcement;

  barChart('chart-applications', exemptions.applicationsPerMonth.map((m) => m.month),
    [{ name: 'Applications', data: exemptions.applicationsPerMonth.map((m) => m.count) }]);
  barChart('chart-day-exemptions', days.perMonth.map((m) => m.month),
    [{ name: 'Day exemptions', data: days.perMonth.map((m) => m.count) }]);

  const rated = compliance.municipalities.filter((m) => m.complianceRate !== null);
  const lowest = rated.length ? Math.min(...rated.map((m) => m.complianceRate)) : 0;
  barChart('chart-compliance', compliance.municipalities.map((m) => m.name),
    [{ name: 'Compliance', data: compliance.municipalities.map((m) => m.complianceRate) }],
    { min: Math.max(0, Math.floor(lowest * 100 - 1) / 100), max: 1,
      axisLabel: { formatter: (v) => (v * 100).toFixed(1) + '%' } });

  const municipalities = [...new Set(enforcement.items.map((i) => i.municipality))].sort();
  const names = Object.fromEntries(enforcement.items.map((i) => [i.municipality, i.name || i.municipality]));
  const months = [...new Set(enforcement.items.map((i) => i.month))].sort();
  const cell = (code, month, field) => {
    const item = enforcement.items.find((i) => i.municipality === code && i.month === month);
    return item ? item[field] : 0;
  };
  const series = [];
  for (const month of months) {
    series.push({ name: 'Warnings ' + month, stack: month, data: municipalities.map((c) => cell(c, month, 'warnings')) });
    series.push({ name: 'Fines ' + month, stack: month, data: municipalities.map((c) => cell(c, month, 'fines')) });
  }
  barChart('chart-enforcement', municipalities.map((c) => names[c]), series);

  fillTable('table-compliance', compliance.municipalities.map((m) => [m.name, m.passages, m.allowed, m.exempted,
    m.warnings, m.fines, m.repeats, m.notEnforceable, m.unresolved, percent(m.complianceRate, 2)]));
  $('compliance-range').textContent = compliance.range.min === null ? ''
    : 'Range: ' + percent(compliance.range.min, 2) + ' to ' + percent(compliance.range.max, 2) + '.';
  fillTable('table-enforcement', enforcement.items.map((i) => [i.name || i.municipality, i.month, i.warnings, i.fines,
    i.fineAmountEur]).concat([['Total', '', enforcement.totals.warnings, enforcement.totals.fines,
    enforcement.totals.fineAmountEur]]));
  fillTable('table-types', exemptions.byType.map((t) => [TYPE_NAMES[t.type] || t.type, t.count, percent(t.share, 0)]));
  $('scopes').textContent = 'Local: ' + exemptions.local + ', national: ' + exemptions.national + '.';
  const outcomes = exemptions.outcomes;
  fillTable('table-outcomes', OUTCOMES.map(([field, label]) => [label, outcomes[field], percent(outcomes.shares[field], 0)])
    .concat([['Total', outcomes.total, '']]));
  fillTable('table-day-exemptions', days.perMunicipality.map((m) => [m.name || m.municipality, m.count]));
}

function percent(fraction, decimals) {
  return fraction === null || fraction === undefined ? '–' : (fraction * 100).toFixed(decimals) + '%';
}

function fillTable(id, rows) {
  const body = $(id).tBodies[0];
  body.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement('tr');
    for (const value of cells) {
      const td = document.createElement('td');
      td.textContent = String(value);
      tr.appendChild(td);
    }
    return tr;
  }));
}

async function download(report) {
  setStatus('Preparing ' + report + '.csv…', 'loading');
  const response = await fetch(API + report + query(), { headers: headers('text/csv') });
  if (!response.ok) {
    setStatus(await problemText(response), 'error');
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = report + '_' + $('from').value + '_' + $('to').value + '.csv';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  setStatus('Downloaded ' + link.download + '.', 'ready');
}

function init() {
  const params = new URLSearchParams(location.search);
  const [from, to] = defaultPeriod();
  $('from').value = params.get('from') || from;
  $('to').value = params.get('to') || to;
  $('key').value = key();
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, $('key').value.trim());
    load();
  });
  $('period-form').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  for (const button of document.querySelectorAll('#downloads button')) {
    button.addEventListener('click', () => download(button.dataset.report));
  }
  window.addEventListener('resize', () => {
    for (const el of document.querySelectorAll('.chart')) {
      const instance = echarts.getInstanceByDom(el);
      if (instance) {
        instance.resize();
      }
    }
  });
  if (key()) {
    load();
  } else {
    setStatus('Enter an API key (reporting, admin or municipality) to see the reports.', 'idle');
  }
}

init();
