// The live dashboard: one EventSource on /api/dashboard/stream. Every "snapshot" event is the
// whole cluster at one moment (its id, epoch milliseconds); "resume" and "gap" say how a reconnection went. The
// browser reconnects by itself and sends the last id it saw as Last-Event-ID, as Phase 1's feed.
// Everything is written with textContent, never as HTML.
(() => {
  const KEEP = 120; // points on each chart: two minutes
  const KINDS = ['room', 'private', 'presence', 'errors', 'other'];
  const $ = (id) => document.getElementById(id);
  const rate = (n) => (n ?? 0).toFixed(1);
  const ms = (n) => (n > 0 ? n.toFixed(1) + ' ms' : '–');
  const sum = (map) => Object.values(map ?? {}).reduce((a, b) => a + b, 0);

  let lastId = 0;
  let resumeNote = '';
  const rates = [[], [], []];
  const latencies = [[], [], []];

  function chart(element, series, data) {
    const options = {
      width: element.clientWidth || 500,
      height: 220,
      series: [{}, ...series.map(([label, stroke]) => ({ label, stroke, width: 2 }))],
      axes: [{}, { size: 50 }],
      legend: { live: false }
    };
    return new uPlot(options, data, element);
  }
  const rateChart = chart($('rate-chart'), [['in', '#0d6efd'], ['out', '#198754']], rates);
  const latencyChart = chart($('latency-chart'), [['p50', '#6f42c1'], ['p99', '#dc3545']], latencies);
  window.addEventListener('resize', () => {
    rateChart.setSize({ width: $('rate-chart').clientWidth, height: 220 });
    latencyChart.setSize({ width: $('latency-chart').clientWidth, height: 220 });
  });

  function status(state, text) {
    const badge = $('status');
    badge.dataset.state = state;
    badge.className = 'badge ' + ({ live: 'text-bg-success', reconnecting: 'text-bg-warning' }[state] ?? 'text-bg-secondary');
    badge.textContent = text;
  }

  function push(columns, at, values) {
    columns[0].push(at);
    values.forEach((value, i) => columns[i + 1].push(value));
    if (columns[0].length > KEEP) {
      columns.forEach((column) => column.shift());
    }
  }

  function cell(row, text, end) {
    const td = row.insertCell();
    td.textContent = text;
    if (end) {
      td.className = 'text-end';
    }
    return td;
  }

  function showInstances(instances) {
    const body = $('instances');
    body.replaceChildren();
    for (const instance of instances) {
      const row = body.insertRow();
      row.dataset.instance = instance.instance;
      cell(row, instance.instance);
      const relay = document.createElement('span');
      relay.className = 'badge ' + (instance.relayAvailable ? 'text-bg-success' : 'text-bg-danger');
      relay.textContent = instance.relayAvailable ? 'up' : 'down';
      cell(row, '').append(relay);
      cell(row, instance.websocketSessions, true);
      cell(row, instance.stompSessions, true);
      cell(row, rate(sum(instance.inPerSecond)), true);
      cell(row, rate(sum(instance.outPerSecond)), true);
      cell(row, instance.p50Millis > 0 ? instance.p50Millis.toFixed(1) : '–', true);
      cell(row, instance.p99Millis > 0 ? instance.p99Millis.toFixed(1) : '–', true);
    }
  }

  function showKinds(cluster) {
    const body = $('kinds');
    body.replaceChildren();
    for (const kind of KINDS) {
      const row = body.insertRow();
      row.dataset.kind = kind;
      cell(row, kind);
      cell(row, rate(cluster.inPerSecond[kind]), true);
      cell(row, rate(cluster.outPerSecond[kind]), true);
    }
  }

  function show(snapshot) {
    const cluster = snapshot.cluster;
    $('connections').textContent = cluster.websocketSessions;
    $('stomp-sessions').textContent = cluster.stompSessions;
    $('in-rate').textContent = rate(sum(cluster.inPerSecond));
    $('out-rate').textContent = rate(sum(cluster.outPerSecond));
    $('messages-in-total').textContent = cluster.messagesIn;
    $('messages-out-total').textContent = cluster.messagesOut;
    $('p50').textContent = ms(cluster.p50Millis);
    $('p99').textContent = ms(cluster.p99Millis);
    $('relays').textContent = cluster.relaysAvailable + ' / ' + cluster.instances;
    $('instance-count').textContent = cluster.instances;
    showInstances(snapshot.instances);
    showKinds(cluster);
    push(rates, snapshot.id / 1000, [sum(cluster.inPerSecond), sum(cluster.outPerSecond)]);
    push(latencies, snapshot.id / 1000, [cluster.p50Millis, cluster.p99Millis]);
    rateChart.setData(rates);
    latencyChart.setData(latencies);
    $('last-event').textContent = 'event ' + snapshot.id + ' at ' + new Date(snapshot.id).toLocaleTimeString() + resumeNote;
  }

  const source = new EventSource('/api/dashboard/stream');
  source.onopen = () => status('live', lastId ? 'live (reconnected)' : 'live');
  source.onerror = () => status('reconnecting', 'reconnecting, from event ' + lastId);
  source.addEventListener('resume', (e) => {
    const resume = JSON.parse(e.data);
    resumeNote = ` · resumed after ${resume.after}, ${resume.replayed} replayed`;
  });
  source.addEventListener('gap', (e) => {
    const gap = JSON.parse(e.data);
    resumeNote = ` · gap: asked after ${gap.requested}, oldest kept ${gap.oldest}`;
    rates.forEach((column) => column.splice(0));
    latencies.forEach((column) => column.splice(0));
    lastId = 0;
  });
  source.addEventListener('snapshot', (e) => {
    const snapshot = JSON.parse(e.data);
    if (snapshot.id <= lastId) {
      return; // already shown: a replay overlapping what came live
    }
    lastId = snapshot.id;
    show(snapshot);
  });
})();
