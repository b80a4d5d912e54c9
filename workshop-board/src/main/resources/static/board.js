// Renders the room pushed by /room/updates (SSE). textContent only: names and reasons
// come from participants and are never parsed as HTML.
const el = (tag, attrs = {}, text) => {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
};

function render(room) {
  document.getElementById('stuck-after').textContent = room.stuckAfterMinutes;
  const head = document.getElementById('grid-head');
  head.replaceChildren(el('th', {}, 'Participant'),
    ...room.columns.map(c => el('th', { class: 'ex', title: c.title }, c.id)));
  const body = document.getElementById('grid-body');
  body.replaceChildren(...room.rows.map(row => {
    const tr = el('tr', { 'data-participant': row.participant });
    tr.append(el('th', {}, row.participant));
    room.columns.forEach(c => {
      const cell = row.cells[c.id];
      const state = cell ? cell.state : 'NOT_STARTED';
      const td = el('td', { class: 'cell ' + state, 'data-exercise': c.id, 'data-state': state },
        cell && cell.tests ? cell.passed + '/' + cell.tests : '');
      if (cell && cell.grader) td.title = cell.grader + ': ' + (cell.reason || '');
      tr.append(td);
    });
    return tr;
  }));
  const summary = document.getElementById('summary-body');
  summary.replaceChildren(...room.columns.filter(c => c.done + c.working + c.stuck > 0).map(c => {
    const tr = el('tr', { 'data-exercise': c.id });
    tr.append(el('td', {}, c.id + ' ' + c.title), el('td', { class: 'done' }, c.done),
      el('td', { class: 'working' }, c.working), el('td', { class: 'stuck' + (c.stuck ? ' STUCK' : '') }, c.stuck),
      el('td', { class: 'common' }, c.commonFailure
        ? c.commonFailure + ' (' + c.commonFailureCount + '): ' + (c.commonReason || '') : ''));
    return tr;
  }));
  document.getElementById('idle').replaceChildren(...room.idle.map(name => el('li', {}, name)));
  document.body.dataset.version = room.version;
}

const source = new EventSource('/room/updates');
source.addEventListener('room', (event) => {
  render(JSON.parse(event.data));
  document.getElementById('status').textContent = 'live · ' + new Date().toLocaleTimeString();
});
source.onerror = () => { document.getElementById('status').textContent = 'reconnecting…'; };
