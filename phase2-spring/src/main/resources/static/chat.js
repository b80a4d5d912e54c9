// The chat page: STOMP over WebSocket (or SockJS) with @stomp/stompjs, from WebJars, styled
// with Bootstrap's classes only.
// Every text from the server is shown with textContent, never innerHTML, so a message
// such as <img src=x onerror=alert(1)> is displayed, not run.
//
// Four parts: the connection (the only code that touches the STOMP client's life cycle),
// the rooms, the people (presence, private messages, errors), and the forms.
(() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // ---------------------------------------------------------------------------------------
  // The connection: sign-in, connect, reconnect, and the state shown in the header.

  const STATE_STYLES = {
    disconnected: 'text-bg-secondary',
    connecting: 'text-bg-warning',
    reconnecting: 'text-bg-warning',
    connected: 'text-bg-success',
    refused: 'text-bg-danger',
  };

  const connection = {
    client: null,
    token: null,
    user: null,
    useSockJs: false,
    everConnected: false,
  };

  function showState(state, text) {
    $('status').dataset.state = state;
    $('status').className = 'badge ' + STATE_STYLES[state];
    $('status').textContent = text;
    $('connecting').hidden = state !== 'connecting' && state !== 'reconnecting';
  }

  // Phase 3's cluster names the instance that holds this connection in a CONNECTED
  // header; a single app sends none, and then nothing is shown.
  function showInstance(instance) {
    $('instance').textContent = instance ? 'on ' + instance : '';
    $('instance').hidden = !instance;
  }

  function showTransport() {
    const socket = connection.client.webSocket;
    $('transport').textContent = connection.useSockJs
      ? 'via SockJS' + (socket && socket.transport ? ' (' + socket.transport + ')' : '')
      : 'via WebSocket';
  }

  async function signIn(event) {
    event.preventDefault();
    const response = await fetch('/api/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      showState('refused', 'sign-in failed: ' + (body.error || response.status));
      return;
    }
    connection.token = body.token;
    connection.user = $('username').value;
    const choice = $('transport-choice').value;
    connection.useSockJs = choice === 'sockjs' || (choice === 'auto' && typeof WebSocket === 'undefined');
    connect(choice);
  }

  function connect(choice) {
    connection.everConnected = false;
    const client = new StompJs.Client({
      connectHeaders: { Authorization: 'Bearer ' + connection.token },
      webSocketFactory: () => connection.useSockJs
        ? new SockJS('/ws/chat-sockjs')
        : new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/chat'),
      reconnectDelay: 2000,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
    });
    client.onConnect = (frame) => {
      connection.everConnected = true;
      showState('connected', 'connected as ' + connection.user);
      showInstance(frame.headers.instance);
      showTransport();
      showChat(true);
      subscribeAll();
    };
    client.onStompError = (frame) => {
      // The server refused a frame and will close the connection.
      addError(frame.headers.message || frame.body);
      if (!connection.everConnected) {
        // A refused CONNECT (bad or expired token) will not get better by retrying.
        client.deactivate();
        showState('refused', 'refused: ' + (frame.headers.message || 'error'));
        showChat(false);
      }
    };
    client.onWebSocketClose = () => {
      if (!connection.everConnected && !connection.useSockJs && choice === 'auto') {
        // WebSocket is blocked somewhere between here and the server: use SockJS.
        connection.useSockJs = true;
        showState('connecting', 'WebSocket failed, trying SockJS');
        return;
      }
      if (client.active) {
        // stompjs opens a new connection after reconnectDelay; until then the instance
        // that held the old one is history.
        showState('reconnecting', 'connection lost, reconnecting');
        showInstance(null);
      }
    };
    connection.client = client;
    showState('connecting', 'connecting');
    client.activate();
  }

  function subscribe(destination, onMessage) {
    return connection.client.subscribe(destination, onMessage);
  }

  function publish(destination, payload) {
    connection.client.publish({ destination, body: JSON.stringify(payload) });
  }

  function signOut() {
    connection.client.deactivate();
    showState('disconnected', 'disconnected');
    showInstance(null);
    $('transport').textContent = '';
    showChat(false);
    forgetEverything();
  }

  function showChat(visible) {
    $('login').hidden = visible;
    $('chat').hidden = !visible;
    $('sign-out').hidden = !visible;
  }

  // After a (re)connect every subscription is gone: make them all again. Subscriptions of
  // a closed connection are forgotten, not unsubscribed (that would write to the closed
  // socket and throw).
  function subscribeAll() {
    subscribe('/user/queue/messages', (message) => addPrivate(JSON.parse(message.body)));
    subscribe('/user/queue/errors', (message) => {
      const e = JSON.parse(message.body);
      addError(e.code + ': ' + e.message);
    });
    subscribe('/app/presence', (message) => setOnline(JSON.parse(message.body)));
    subscribe('/topic/presence', (message) => changeOnline(JSON.parse(message.body)));
    rooms.forEach((room) => subscribeRoom(room));
    openRoom(shown || 'general');
  }

  // ---------------------------------------------------------------------------------------
  // Rooms: every joined room stays subscribed, so a room that is not shown counts what
  // arrives in it as unread until it is opened.

  const KEPT_PER_ROOM = 200;
  const rooms = new Map();
  let shown = null;

  function room(name) {
    if (!rooms.has(name)) {
      const item = el('button', 'list-group-item list-group-item-action d-flex align-items-center gap-2');
      item.type = 'button';
      item.dataset.room = name;
      item.append(el('span', 'flex-grow-1 text-truncate', '# ' + name), el('span', 'unread badge rounded-pill text-bg-primary'));
      item.addEventListener('click', () => openRoom(name));
      $('rooms').appendChild(item);
      const created = { name, item, messages: [], unread: 0 };
      rooms.set(name, created);
      if (connection.client && connection.client.connected) subscribeRoom(created);
      showUnread(created);
    }
    return rooms.get(name);
  }

  function subscribeRoom(r) {
    // The subscription starts with the room's last messages (history:true), so what was
    // kept from before is replaced by them.
    r.messages = [];
    if (r.name === shown) $('messages').replaceChildren();
    subscribe('/topic/room.' + r.name, (message) => receive(r, message));
  }

  function receive(r, message) {
    const kind = frameKind(message.headers);
    const m = JSON.parse(message.body);
    r.messages.push({ kind, m });
    if (r.messages.length > KEPT_PER_ROOM) r.messages.shift();
    if (r.name === shown) {
      appendLine($('messages'), messageLine(kind, m.from, m));
    } else if (kind === 'live') {
      r.unread++;
      showUnread(r);
    }
  }

  // The kinds of frame a room subscription gets: Phase 2's history, and Phase 3's replay
  // (after a since: header) and gap (the since: could not be resumed from).
  function frameKind(headers) {
    if (headers.gap === 'true') return 'gap';
    if (headers.replay === 'true') return 'replay';
    if (headers.history === 'true') return 'history';
    return 'live';
  }

  function openRoom(name) {
    const r = room(name);
    shown = name;
    const unread = r.unread;
    r.unread = 0;
    rooms.forEach((each) => {
      each.item.classList.toggle('active', each === r);
      each.item.setAttribute('aria-current', each === r ? 'true' : 'false');
      showUnread(each);
    });
    $('current-room').textContent = name;
    const lines = r.messages.map(({ kind, m }) => messageLine(kind, m.from, m));
    if (unread > 0) {
      // A marker above the first message that arrived while the room was not shown.
      const marker = el('li', 'new-marker d-flex align-items-center gap-2 my-2 small text-danger');
      marker.append(el('hr', 'flex-grow-1 my-0'), el('span', '', unread + ' new'), el('hr', 'flex-grow-1 my-0'));
      lines.splice(Math.max(0, lines.length - unread), 0, marker);
    }
    $('messages').replaceChildren(...lines);
    $('messages').scrollTop = $('messages').scrollHeight;
  }

  function showUnread(r) {
    const badge = r.item.querySelector('.unread');
    badge.textContent = r.unread > 0 ? String(r.unread) : '';
    badge.hidden = r.unread === 0;
    const total = [...rooms.values()].reduce((sum, each) => sum + each.unread, 0);
    document.title = (total > 0 ? '(' + total + ') ' : '') + 'wslab chat';
  }

  // One line of the log: sender, text, time. Earlier messages (history, replay) are
  // dimmed; the signed-in user's name is highlighted. Stacked, the text goes below the
  // sender and the time (the narrow private column), without changing the text's order.
  function messageLine(kind, from, m, stacked) {
    if (kind === 'gap') {
      return el('li', 'gap text-center small text-warning-emphasis my-2', 'Some earlier messages are no longer kept.');
    }
    const li = el('li', 'd-flex align-items-baseline column-gap-2 py-1' + (stacked ? ' flex-wrap' : '')
        + (kind === 'live' ? '' : ' ' + kind + ' text-body-secondary'));
    if (m.id) li.dataset.id = m.id;
    const mine = m.from === connection.user;
    li.append(el('span', 'from fw-semibold text-nowrap' + (mine ? ' text-primary' : ''), from),
        el('span', 'text flex-grow-1 text-break' + (stacked ? ' w-100 order-last' : ''), m.text), timeOf(m.timestamp));
    return li;
  }

  // The server sends an ISO-8601 instant; seconds since the epoch are accepted too.
  function timeOf(timestamp) {
    const time = el('time', 'time small text-body-secondary text-nowrap ms-auto');
    const date = typeof timestamp === 'number' ? new Date(timestamp < 1e11 ? timestamp * 1000 : timestamp)
      : new Date(timestamp);
    if (!Number.isNaN(date.getTime())) {
      time.dateTime = date.toISOString();
      time.title = date.toLocaleString();
      time.textContent = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    }
    return time;
  }

  function appendLine(list, li) {
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;
  }

  // ---------------------------------------------------------------------------------------
  // People: who is online, private messages, and the errors the server sends back.

  function setOnline(users) {
    $('online').replaceChildren();
    users.forEach((user) => addOnline(user));
  }

  function changeOnline(change) {
    const existing = onlineItem(change.user);
    if (change.online && !existing) addOnline(change.user);
    if (!change.online && existing) existing.remove();
  }

  function onlineItem(user) {
    return [...$('online').children].find((li) => li.dataset.user === user);
  }

  function addOnline(user) {
    const li = el('li', 'list-group-item list-group-item-action d-flex align-items-center gap-2');
    li.dataset.user = user;
    li.setAttribute('role', 'button');
    li.title = 'Write to ' + user + ' privately';
    li.append(el('span', 'd-inline-block p-1 rounded-circle bg-success'), el('span', 'flex-grow-1', user));
    if (user === connection.user) li.append(el('span', 'badge text-bg-light border', 'you'));
    li.addEventListener('click', () => {
      $('private-to').value = user;
      $('private-text').focus();
    });
    $('online').appendChild(li);
  }

  function addPrivate(m) {
    appendLine($('private-messages'), messageLine('live', m.from + ' → ' + m.to, m, true));
  }

  function addError(text) {
    $('errors-card').hidden = false;
    appendLine($('errors'), el('li', 'list-group-item list-group-item-danger', text));
  }

  function forgetEverything() {
    rooms.clear();
    shown = null;
    ['rooms', 'messages', 'online', 'private-messages', 'errors'].forEach((id) => $(id).replaceChildren());
    $('errors-card').hidden = true;
    document.title = 'wslab chat';
  }

  // ---------------------------------------------------------------------------------------
  // The forms.

  $('login-form').addEventListener('submit', signIn);
  $('join').addEventListener('submit', (event) => {
    event.preventDefault();
    openRoom($('room').value.trim());
    $('room').value = '';
  });
  $('send').addEventListener('submit', (event) => {
    event.preventDefault();
    publish('/app/room.' + shown + '.send', { text: $('text').value });
    $('text').value = '';
  });
  $('private').addEventListener('submit', (event) => {
    event.preventDefault();
    const to = $('private-to').value.trim();
    const text = $('private-text').value;
    publish('/app/chat.private', { to, text });
    addPrivate({ from: 'you', to, text, timestamp: new Date().toISOString() });
    $('private-text').value = '';
  });
  $('sign-out').addEventListener('click', signOut);
})();
