// The live console: draws the samples /console/stream sends once a second (shape: docs/console.md).
'use strict';

const HISTORY = 120; // samples kept: two minutes
const CLASS_COLOURS = { commitlog: '#e6550d', memtable_flush: '#3182bd', query: '#31a354', compaction: '#756bb1', maintenance: '#969696' };
const samples = [];
const shardSelect = document.getElementById('shard');

function colourOf(name) {
  if (CLASS_COLOURS[name]) return CLASS_COLOURS[name];
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) % 360;
  return `hsl(${hash}, 60%, 50%)`;
}

// The figures of the chosen shard (or the node) in one sample.
function view(sample) {
  const shard = shardSelect.value;
  return shard === 'all' ? sample.node : sample.shards[Number(shard)];
}

function names(pick) {
  const all = new Set();
  for (const sample of samples) Object.keys(pick(view(sample))).forEach(name => all.add(name));
  return [...all];
}

// One series per IO class of one figure, e.g. write_bandwidth; pale ones (alpha) drawn apart.
function ioSeries(figure, suffix = '', alpha = undefined) {
  return names(v => v.io).map(name => ({ name: name + suffix, colour: colourOf(name), alpha,
    values: samples.map(s => (view(s).io[name] || {})[figure] || 0) }));
}

function patternSeries() {
  const series = [];
  for (const name of names(v => v.io)) {
    const sequential = io => io.read_iops * (io.read_sequential || 0) + io.write_iops * (io.write_sequential || 0);
    const seq = samples.map(s => { const io = view(s).io[name]; return io ? sequential(io) : 0; });
    const all = samples.map(s => { const io = view(s).io[name]; return io ? io.read_iops + io.write_iops : 0; });
    series.push({ name: name + ' seq', colour: colourOf(name), values: seq });
    series.push({ name: name + ' random', colour: colourOf(name), alpha: 0.35, values: all.map((n, i) => Math.max(0, n - seq[i])) });
  }
  return series;
}

function prepare(canvas) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = canvas.clientWidth * ratio;
  canvas.height = canvas.clientHeight * ratio;
  const g = canvas.getContext('2d');
  g.scale(ratio, ratio);
  g.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  return g;
}

// Draws series over the last HISTORY seconds: stacked areas, or lines; returns the largest value drawn.
function draw(id, series, stacked, format) {
  const canvas = document.getElementById(id);
  const g = prepare(canvas);
  const width = canvas.clientWidth, height = canvas.clientHeight - 14;
  const n = samples.length;
  const base = new Array(n).fill(0);
  const tops = series.map(s => s.values.map((v, i) => stacked ? (base[i] += v) : v));
  const max = Math.max(1e-9, ...tops.flat());
  const x = i => width - (n - 1 - i) * width / (HISTORY - 1);
  const y = v => 14 + height - v / max * (height - 2);
  tops.forEach((top, k) => {
    const below = k > 0 && stacked ? tops[k - 1] : null;
    g.beginPath();
    top.forEach((v, i) => i ? g.lineTo(x(i), y(v)) : g.moveTo(x(i), y(v)));
    g.globalAlpha = series[k].alpha || 0.85;
    if (stacked) {
      for (let i = n - 1; i >= 0; i--) g.lineTo(x(i), y(below ? below[i] : 0));
      g.fillStyle = series[k].colour;
      g.fill();
    } else {
      g.strokeStyle = series[k].colour;
      g.lineWidth = 2;
      g.stroke();
    }
  });
  g.globalAlpha = 1;
  g.fillStyle = '#555';
  g.fillText('max ' + format(max), 4, 10);
  canvas.dataset.max = String(max);
  canvas.dataset.points = String(n);
  legend(id, series);
}

function legend(id, series) {
  document.querySelector(`.legend[data-for="${id}"]`).innerHTML = series
    .map(s => `<span><i style="background:${s.colour};opacity:${s.alpha || 1}"></i>${s.name}</span>`).join('');
}

const bytes = v => v >= 1e6 ? (v / 1e6).toFixed(1) + ' MB' : v >= 1e3 ? (v / 1e3).toFixed(1) + ' kB' : v.toFixed(0) + ' B';
const number = v => v >= 100 ? v.toFixed(0) : v.toFixed(2);
const percent = v => v === null || v === undefined ? '–' : (v * 100).toFixed(0) + '%';

function table(latest) {
  const rows = Object.entries(latest.io).map(([name, io]) => `<tr data-class="${name}">
    <td><i style="color:${colourOf(name)}">■</i> ${name}</td><td>${number(io.read_iops)}</td><td>${number(io.write_iops)}</td>
    <td>${(io.read_bandwidth / 1e6).toFixed(2)}</td><td>${(io.write_bandwidth / 1e6).toFixed(2)}</td>
    <td>${bytes(io.read_size)}</td><td>${bytes(io.write_size)}</td><td>${percent(io.read_sequential)}</td>
    <td>${percent(io.write_sequential)}</td><td>${io.queue_delay_ms.toFixed(3)}</td><td>${io.queue_length}</td>
    <td>${percent(io.consumption)}</td><td>${number(io.cached_read_iops)}</td></tr>`);
  document.querySelector('#now tbody').innerHTML = rows.join('');
}

function render() {
  if (!samples.length) return;
  draw('reads', [...ioSeries('read_bandwidth'), ...ioSeries('cached_read_bandwidth', ' cached', 0.35)], true, bytes);
  draw('writes', ioSeries('write_bandwidth'), true, bytes);
  draw('pattern', patternSeries(), true, number);
  draw('groups', names(v => v.groups).map(name => ({ name, colour: colourOf(name),
    values: samples.map(s => (view(s).groups[name] || {}).utilization || 0) })), true, percent);
  draw('backlogs', [
    { name: 'memtable flush', colour: CLASS_COLOURS.memtable_flush, values: samples.map(s => view(s).memtable_flush_backlog || 0) },
    { name: 'compaction', colour: CLASS_COLOURS.compaction, values: samples.map(s => view(s).compaction_backlog || 0) }], false, number);
  draw('latency', names(v => v.service_levels).map(name => ({ name, colour: colourOf(name),
    values: samples.map(s => (view(s).service_levels[name] || {}).p99_ms || 0) })), false, v => v.toFixed(2) + ' ms');
  table(view(samples[samples.length - 1]));
}

function addShards(count) {
  for (let id = shardSelect.options.length - 1; id < count; id++) shardSelect.add(new Option('shard ' + id, String(id)));
}

shardSelect.addEventListener('change', render);
const stream = new EventSource('/console/stream');
stream.onopen = () => { document.getElementById('status').textContent = 'live'; };
stream.onerror = () => { document.getElementById('status').textContent = 'disconnected, retrying…'; };
stream.onmessage = event => {
  const sample = JSON.parse(event.data);
  samples.push(sample);
  if (samples.length > HISTORY) samples.shift();
  addShards(sample.shards.length);
  document.body.dataset.samples = String(Number(document.body.dataset.samples) + 1);
  document.getElementById('status').textContent = 'live, ' + new Date(sample.time_ms).toLocaleTimeString();
  render();
};
