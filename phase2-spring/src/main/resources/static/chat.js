// The chat page: STOMP over WebSocket (or SockJS) with @stomp/stompjs, from WebJars.
// Every text from the server is shown with textContent, never innerHTML, so a message
// such as <img src=x onerror=alert(1)> is displayed, not run.
(() => {
  const $ = (id) => document.getElementById(id);
  let client = null;
  let token = null;
  let room = null;
  let roomSubscription = null;
  let useSockJs = false;
  let everConnected = false;

  function status(state, text) {
    $('status').dataset.state = state;
    $('status').textContent = text;
  }

  function line(list, from, text, extraClass) {
    const li = document.createElement('li');
    if (extraClass) li.className = extraClass;
    if (from !== null) {
      const who = document.createElement('span');
      who.className = 'from';
      who.textContent = from;
      li.appendChild(who);
    }
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    li.appendChild(body);
    $(list).appendChild(li);
    $(list).scrollTop = $(list).scrollHeight;
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
      status('error', 'sign-in failed: ' + (body.error || response.status));
      return;
    }
    token = body.token;
    const choice = $('transport-choice').value;
    useSockJs = choice === 'sockjs' || (choice === 'auto' && typeof WebSocket === 'undefined');
    connect(choice);
  }

  function connect(choice) {
    everConnected = false;
    client = new StompJs.Client({
      connectHeaders: { Authorization: 'Bearer ' + token },
      webSocketFactory: () => useSockJs
        ? new SockJS('/ws/chat-sockjs')
        : new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/chat'),
      reconnectDelay: 2000,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
    });
    client.onConnect = (frame) => {
      everConnected = true;
      status('connected', 'connected as ' + $('username').value);
      // Phase 3's cluster names the instance that holds this connection.
      $('instance').textContent = frame.headers.instance ? 'on ' + frame.headers.instance : '';
      const socket = client.webSocket;
      $('transport').textContent = useSockJs
        ? 'via SockJS' + (socket && socket.transport ? ' (' + socket.transport + ')' : '')
        : 'via WebSocket';
      $('login').hidden = true;
      $('chat').hidden = false;
      subscribeAll();
    };
    client.onStompError = (frame) => {
      // The server refused a frame and will close the connection.
      line('errors', null, frame.headers.message || frame.body);
      if (!everConnected) {
        // A refused CONNECT (bad or expired token) will not get better by retrying.
        client.deactivate();
        status('error', 'refused: ' + (frame.headers.message || 'error'));
        $('login').hidden = false;
      }
    };
    client.onWebSocketClose = () => {
      if (!everConnected && !useSockJs && choice === 'auto') {
        // WebSocket is blocked somewhere between here and the server: use SockJS.
        useSockJs = true;
        status('reconnecting', 'WebSocket failed, trying SockJS');
        return;
      }
      if (client.active) {
        status('reconnecting', 'connection lost, reconnecting');
      }
    };
    status('reconnecting', 'connecting');
    client.activate();
  }

  function subscribeAll() {
    // After a reconnect every subscription is gone: make them again. The old room
    // subscription belonged to the closed connection, so it is forgotten, not
    // unsubscribed (that would write to the closed socket and throw).
    roomSubscription = null;
    client.subscribe('/user/queue/messages', (message) => {
      const m = JSON.parse(message.body);
      line('private-messages', m.from + ' → ' + m.to, m.text);
    });
    client.subscribe('/user/queue/errors', (message) => {
      const e = JSON.parse(message.body);
      line('errors', null, e.code + ': ' + e.message);
    });
    client.subscribe('/app/presence', (message) => {
      $('online').replaceChildren();
      JSON.parse(message.body).forEach((user) => addOnline(user));
    });
    client.subscribe('/topic/presence', (message) => {
      const change = JSON.parse(message.body);
      const existing = [...$('online').children].find((li) => li.textContent === change.user);
      if (change.online && !existing) addOnline(change.user);
      if (!change.online && existing) existing.remove();
    });
    joinRoom(room || $('room').value);
  }

  function addOnline(user) {
    const li = document.createElement('li');
    li.textContent = user;
    $('online').appendChild(li);
  }

  function joinRoom(roomId) {
    if (roomSubscription) roomSubscription.unsubscribe();
    room = roomId;
    $('current-room').textContent = roomId;
    $('messages').replaceChildren();
    roomSubscription = client.subscribe('/topic/room.' + roomId, (message) => {
      const m = JSON.parse(message.body);
      line('messages', m.from, m.text, message.headers.history === 'true' ? 'history' : '');
    });
  }

  $('login').addEventListener('submit', signIn);
  $('join').addEventListener('submit', (event) => {
    event.preventDefault();
    joinRoom($('room').value.trim());
  });
  $('send').addEventListener('submit', (event) => {
    event.preventDefault();
    client.publish({ destination: '/app/room.' + room + '.send', body: JSON.stringify({ text: $('text').value }) });
    $('text').value = '';
  });
  $('private').addEventListener('submit', (event) => {
    event.preventDefault();
    const to = $('private-to').value.trim();
    const text = $('private-text').value;
    client.publish({ destination: '/app/chat.private', body: JSON.stringify({ to, text }) });
    line('private-messages', 'you → ' + to, text);
    $('private-text').value = '';
  });
  $('sign-out').addEventListener('click', () => {
    client.deactivate();
    status('signed-out', 'signed out');
    $('chat').hidden = true;
    $('login').hidden = false;
  });
})();
