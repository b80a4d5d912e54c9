// The chat page: STOMP over WebSocket (or SockJS) with @stomp/stompjs, from WebJars, styled
// with Bootstrap's classes only.
// Every text from the server is shown with textContent, never innerHTML, so a message
// such as <img src=x onerror=alert(1)> is displayed, not run.
//
// Four parts: the connection (the only code that touches the STOMP client's life cycle),
// the rooms, the people (presence, private messages, errors), and the forms.
//
// Phase 3's page loads reconnect.js (exercise 3.17) before this file. With its
// window.ChatReconnect the page waits with backoff and jitter between attempts, keeps what
// is sent while offline, resumes each room and the private inbox with since:<id> and shows
// each message once, and signs in again, once, when its token expires. Without it (Phase 2) the page keeps
// stompjs' fixed reconnect and a room's history on each resubscription.
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
    // With ChatReconnect only: the password, to sign in again when the token expires;
    // attempts failed in a row; the wait before the next one; whether the token has not
    // reached CONNECTED yet; whether to sign in before the next attempt; the SENDs made
    // while offline.
    password: null,
    failures: 0,
    wait: 0,
    tokenUntried: false,
    refreshToken: false,
    outbox: null,
  };

  // The reconnect.js of exercise 3.17, or null: absent (Phase 2), or still its starter, whose
  // TODO(3.17) is thrown where the console (and the graders) see it, and shown in the
  // errors once signed in; the page then works as Phase 2's does.
  let notWritten = null;
  const resilience = (() => {
    const reconnect = window.ChatReconnect;
    if (!reconnect) return null;
    try {
      reconnect.delay(0, () => 0);
      reconnect.offlineQueue(1).size();
      reconnect.seenIds(null).resumeFrom();
      reconnect.authAction(null, false);
      return reconnect;
    } catch (error) {
      notWritten = error;
      setTimeout(() => {
        throw error;
      });
      return null;
    }
  })();

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

  // Answers the token, or the reason there is none.
  async function requestToken(username, password) {
    const response = await fetch('/api/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await response.json().catch(() => ({}));
    return response.ok ? { token: body.token } : { error: body.error || response.status };
  }

  async function signIn(event) {
    event.preventDefault();
    const signedIn = await requestToken($('username').value, $('password').value);
    if (!signedIn.token) {
      showState('refused', 'sign-in failed: ' + signedIn.error);
      return;
    }
    connection.token = signedIn.token;
    connection.user = $('username').value;
    connection.password = resilience ? $('password').value : null;
    const choice = $('transport-choice').value;
    connection.useSockJs = choice === 'sockjs' || (choice === 'auto' && typeof WebSocket === 'undefined');
    connect(choice);
  }

  function connect(choice) {
    connection.everConnected = false;
    connection.failures = 0;
    connection.wait = 0;
    connection.tokenUntried = true;
    connection.refreshToken = false;
    connection.outbox = resilience ? resilience.offlineQueue(resilience.OFFLINE_CAPACITY) : null;
    const client = new StompJs.Client({
      connectHeaders: { Authorization: 'Bearer ' + connection.token },
      webSocketFactory: () => connection.useSockJs
        ? new SockJS('/ws/chat-sockjs')
        : new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/chat'),
      // stompjs 7.2.1 reads reconnectDelay when it is activated and after each CONNECTED,
      // and waits that long after each close, with no jitter (client.ts,
      // _schedule_reconnect). With ChatReconnect it waits 1 ms, and the real wait happens in
      // beforeConnect, which stompjs awaits before every attempt.
      reconnectDelay: resilience ? 1 : 2000,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
    });
    if (resilience) client.beforeConnect = beforeConnect;
    client.onConnect = (frame) => {
      if (!connection.everConnected && notWritten) {
        addError('reconnect.js (exercise 3.17) is still its starter, so this page reconnects as Phase 2\'s does: '
            + notWritten.message);
      }
      connection.everConnected = true;
      connection.failures = 0;
      connection.tokenUntried = false;
      showState('connected', 'connected as ' + connection.user);
      showInstance(frame.headers.instance);
      showTransport();
      showChat(true);
      subscribeAll();
      if (connection.outbox) {
        // What was sent while offline goes out now, in the order it was sent.
        connection.outbox.drain().forEach((send) => client.publish(send));
      }
    };
    client.onStompError = (frame) => {
      // The server refused a frame and will close the connection (STOMP 1.2, ERROR).
      const message = frame.headers.message;
      addError(message || frame.body);
      const action = resilience ? resilience.authAction(message, connection.tokenUntried) : null;
      if (action === 'refresh') {
        // A token that worked has expired: the next attempt signs in first, once.
        connection.refreshToken = true;
        connection.failures = 0;
        return;
      }
      if (!connection.everConnected || action === 'give-up') {
        // A refused CONNECT (bad or expired token) will not get better by retrying.
        client.deactivate();
        showState('refused', 'refused: ' + (message || 'error'));
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
        // stompjs calls this before it schedules the next attempt, which waits for
        // beforeConnect (with ChatReconnect) or reconnectDelay; until then the instance
        // that held the old connection is history.
        if (resilience) connection.wait = resilience.delay(connection.failures++, Math.random);
        showState('reconnecting', connection.refreshToken ? 'token expired, signing in again'
          : 'connection lost, reconnecting');
        showInstance(null);
      }
    };
    connection.client = client;
    showState('connecting', 'connecting');
    client.activate();
  }

  // With ChatReconnect, stompjs awaits this before each attempt: the backoff's wait, then a
  // fresh token when the last one expired. A page signed out meanwhile stays out.
  async function beforeConnect(client) {
    const wait = connection.wait;
    connection.wait = 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (!connection.refreshToken || !client.active) return;
    let signedIn;
    try {
      signedIn = await requestToken(connection.user, connection.password);
    } catch (unreachable) {
      // The attempt that follows fails too, and the one after it signs in again.
      addError('signing in again failed: ' + unreachable.message);
      return;
    }
    if (!signedIn.token) {
      // Refused: the page stops, as after a refused CONNECT.
      client.deactivate();
      showState('refused', 'sign-in failed: ' + signedIn.error);
      showChat(false);
      return;
    }
    connection.refreshToken = false;
    connection.token = signedIn.token;
    connection.tokenUntried = true;
    client.connectHeaders = { Authorization: 'Bearer ' + signedIn.token };
  }

  function subscribe(destination, onMessage, headers) {
    return connection.client.subscribe(destination, onMessage, headers);
  }

  // Sends now, or with ChatReconnect keeps the SEND while offline. Answers false when it is
  // not sent: the offline queue is full (the reason is in the errors).
  function publish(destination, payload) {
    const send = { destination, body: JSON.stringify(payload) };
    if (connection.outbox && !connection.client.connected) {
      try {
        connection.outbox.add(send);
      } catch (error) {
        if (!(error instanceof resilience.OfflineQueueFullError)) throw error;
        addError(error.message);
        return false;
      }
      return true;
    }
    connection.client.publish(send);
    return true;
  }

  function signOut() {
    connection.client.deactivate();
    connection.password = null;
    connection.outbox = null;
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
    subscribeInbox();
    subscribe('/user/queue/errors', (message) => {
      const e = JSON.parse(message.body);
      addError(e.code + ': ' + e.message);
    });
    subscribe('/app/presence', (message) => setOnline(JSON.parse(message.body)));
    subscribe('/topic/presence', (message) => changeOnline(JSON.parse(message.body)));
    rooms.forEach((room) => subscribeRoom(room));
    openRoom(shown || 'general');
  }

  // The private inbox. In Phase 2 it is live only. In Phase 3 (with ChatReconnect) it is a
  // log in Redis too, with ids 0-1, 0-2, … per user: the first subscription asks for what
  // was kept while this user was away (since:0-0), and each later one resumes after the
  // last id seen with none missing, each message shown once.
  let inboxSeen = null;

  function subscribeInbox() {
    if (!resilience) {
      subscribe('/user/queue/messages', (message) => addPrivate(JSON.parse(message.body)));
      return;
    }
    if (!inboxSeen) inboxSeen = resilience.seenIds('0-0');
    subscribe('/user/queue/messages', (message) => {
      const m = JSON.parse(message.body);
      const kind = frameKind(message.headers);
      if (kind === 'gap') {
        inboxSeen.skipTo(m.oldest);
        return;
      }
      if (m.id && !inboxSeen.firstTime(m.id)) return;
      // A replay can come after a newer live message: each goes to its place in the log.
      const line = messageLine(kind, m.from + ' → ' + m.to, m, true);
      const n = logSequence(m.id);
      const after = n === null ? null : [...$('private-messages').children]
        .find((li) => (logSequence(li.dataset.id) ?? -1) > n);
      if (after) {
        $('private-messages').insertBefore(line, after);
      } else {
        appendLine($('private-messages'), line);
      }
    }, { since: inboxSeen.resumeFrom() || '0-0' });
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
    const since = r.seen ? r.seen.resumeFrom() : null;
    if (since) {
      // Resumed (Phase 3): what is shown stays, and the replay brings what came after
      // since, each message once.
      subscribe('/topic/room.' + r.name, (message) => receive(r, message), { since });
      return;
    }
    // The subscription starts with the room's last messages (history:true), so what was
    // kept from before is replaced by them.
    r.messages = [];
    r.seen = resilience ? resilience.seenIds(null) : null;
    if (r.name === shown) $('messages').replaceChildren();
    subscribe('/topic/room.' + r.name, (message) => receive(r, message));
  }

  function receive(r, message) {
    const kind = frameKind(message.headers);
    const m = JSON.parse(message.body);
    if (r.seen && kind === 'gap') r.seen.skipTo(m.oldest);
    // A replay overlaps what came live: each id is shown once.
    if (r.seen && kind !== 'gap' && m.id && !r.seen.firstTime(m.id)) return;
    // A replay can also come after a newer live message: each goes to its place in the log.
    const entry = { kind, m };
    r.messages.splice(r.seen ? placeInLog(r.messages, m.id) : r.messages.length, 0, entry);
    if (r.messages.length > KEPT_PER_ROOM) r.messages.shift();
    if (r.name === shown) {
      const next = r.messages[r.messages.indexOf(entry) + 1];
      const before = next && next.m.id ? $('messages').querySelector('li[data-id="' + CSS.escape(next.m.id) + '"]') : null;
      if (before) {
        $('messages').insertBefore(messageLine(kind, m.from, m), before);
      } else {
        appendLine($('messages'), messageLine(kind, m.from, m));
      }
    } else if (kind === 'live' || (r.seen && kind === 'replay')) {
      r.unread++;
      showUnread(r);
    }
  }

  // Where a message goes among those kept: after every one with a lower log id (0-n).
  function placeInLog(messages, id) {
    const n = logSequence(id);
    let at = messages.length;
    while (n !== null && at > 0 && (logSequence(messages[at - 1].m.id) ?? -1) > n) at--;
    return at;
  }

  function logSequence(id) {
    const match = /^0-(\d{1,15})$/.exec(String(id));
    return match ? Number(match[1]) : null;
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
    inboxSeen = null;
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
    if (publish('/app/room.' + shown + '.send', { text: $('text').value })) $('text').value = '';
  });
  $('private').addEventListener('submit', (event) => {
    event.preventDefault();
    const to = $('private-to').value.trim();
    const text = $('private-text').value;
    if (!publish('/app/chat.private', { to, text })) return;
    addPrivate({ from: 'you', to, text, timestamp: new Date().toISOString() });
    $('private-text').value = '';
  });
  $('sign-out').addEventListener('click', signOut);
})();
