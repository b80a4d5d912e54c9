// Exercise 3.17: how the chat page stays connected, the browser's twin of exercises 3.9
// (Backoff) and 3.10 (OfflineQueue, SeenIds, and ReconnectingChatClient's AuthErrors).
// Phase 3's page loads this file before chat.js, which calls these pieces from its
// connection code (look for "ChatReconnect" there). Each piece is pure: no timers, no
// sockets, no page; the randomness is passed in, so a grader can check them in the page
// without waiting.
(() => {
  /** The first wait before a reconnection attempt, in ms, before jitter. */
  const BASE_MS = 500;
  /** The longest wait, in ms, before jitter. */
  const CAP_MS = 30000;
  /** The jitter is a whole number of ms in [0, MAX_JITTER_MS). */
  const MAX_JITTER_MS = 1000;
  /** How many SENDs may wait while the page is disconnected. */
  const OFFLINE_CAPACITY = 100;
  /** How many ids a room remembers for de-duplication (ten times what a log keeps). */
  const REMEMBERED = 10000;

  /** Thrown by an offline queue's add when it is full; the queue is then left as it was. */
  class OfflineQueueFullError extends Error {
    constructor(capacity) {
      super(capacity + ' messages are already waiting for the connection: this one is not sent');
      this.name = 'OfflineQueueFullError';
      this.capacity = capacity;
    }
  }

  /**
   * The wait before the next attempt, in ms: min(BASE_MS × 2^failures, CAP_MS), plus a
   * jitter of Math.floor(random() × MAX_JITTER_MS).
   * @param failures how many attempts in a row have failed so far (0 before the first retry)
   * @param random returns a number in [0, 1), as Math.random does
   */
  function delay(failures, random) {
    throw new Error('TODO(3.17): delay: min(BASE_MS × 2^failures, CAP_MS) plus Math.floor(random() × MAX_JITTER_MS)');
  }

  /**
   * The SENDs made while disconnected, kept in order until the page is connected again.
   * Past its capacity a SEND is refused at once with OfflineQueueFullError, so the person
   * learns that it will not go out; the SENDs already waiting keep their place. Dropping the
   * oldest instead would lose, silently, a message its sender believes is on its way.
   * @param capacity how many SENDs may wait
   * @returns {{add(send): void, drain(): Array, size(): number}}
   */
  function offlineQueue(capacity) {
    // TODO(3.17): an array of the SENDs waiting, at most capacity of them.
    return {
      add(send) {
        throw new Error('TODO(3.17): offlineQueue.add: keep the SEND, or throw OfflineQueueFullError when capacity are waiting');
      },
      drain() {
        throw new Error('TODO(3.17): offlineQueue.drain: every waiting SEND, oldest first, and the queue left empty');
      },
      size() {
        throw new Error('TODO(3.17): offlineQueue.size: how many SENDs wait');
      },
    };
  }

  /**
   * The ids one room subscription has seen: it tells a message seen before (a replay
   * overlaps what came live) so that it is shown once, and names the id to resume from:
   * the highest id with none missing before it, not the last one, because live messages
   * and a replay can arrive out of id order. Ids are the log's 0-n, gap-free within a room.
   * @param since the id the subscription started after, or null to start with whatever
   * comes first
   * @returns {{firstTime(id): boolean, resumeFrom(): (string|null), skipTo(oldest): void}}
   */
  function seenIds(since) {
    // TODO(3.17): what you need to remember: the ids seen (at most REMEMBERED of them), the
    // highest id with none missing, and the since the subscription started from
    // (sequence(since), when there is one).
    return {
      firstTime(id) {
        throw new Error('TODO(3.17): seenIds.firstTime: false for an id seen before or at or below since, else record it and move the resume point');
      },
      resumeFrom() {
        throw new Error('TODO(3.17): seenIds.resumeFrom: the highest id with none missing before it, not the last one seen');
      },
      skipTo(oldest) {
        throw new Error('TODO(3.17): seenIds.skipTo: after gap:true, resume from just before the oldest id still kept');
      },
    };
  }

  /**
   * What to do after an ERROR frame, by its message header: 'refresh' (sign in again, then
   * reconnect) for an authentication error on a token that once worked, 'give-up' for one
   * on a token fresh from the sign-in (it will not get better by retrying), and null for
   * an ERROR that is not about authentication. The chat's authentication errors are
   * 'token-expired' (exercise 3.8) and Phase 2's refusals of a CONNECT, 'Unauthorized…'.
   * @param message the ERROR's message header, or null
   * @param tokenUntried true when the token came fresh from the sign-in and has not
   * reached CONNECTED yet
   */
  function authAction(message, tokenUntried) {
    throw new Error("TODO(3.17): authAction: 'refresh', 'give-up' or null, as AuthErrors decides for the Java client");
  }

  function sequence(id) {
    const match = /^0-(\d{1,15})$/.exec(String(id));
    if (!match) {
      throw new Error('Not a log id (0-n): ' + id);
    }
    return Number(match[1]);
  }

  window.ChatReconnect = Object.freeze({
    BASE_MS, CAP_MS, MAX_JITTER_MS, OFFLINE_CAPACITY, REMEMBERED, OfflineQueueFullError,
    delay, offlineQueue, seenIds, authAction,
  });
})();
