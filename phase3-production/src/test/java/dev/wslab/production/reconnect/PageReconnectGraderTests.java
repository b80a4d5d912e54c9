package dev.wslab.production.reconnect;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.wslab.kit.browser.PageErrors;
import dev.wslab.kit.browser.WithChromium;
import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.nginx.Nginx;
import dev.wslab.kit.nginx.NginxProxy;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.cluster.ClusterProxy;
import org.junit.jupiter.api.BeforeAll;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.17, the chat page's {@code reconnect.js}, in the system Chromium: the
 * waits between attempts, computed in the page with the random source the grader gives;
 * the offline queue, the seen ids and the answer to an authentication ERROR, called in
 * the page; a page whose instance stops while alice sends numbered room and private
 * messages, which shows each once and in order after it reconnects through Nginx (the
 * room and the private inbox resumed with {@code since}) and sends what was typed
 * offline; and a page whose token expires, which signs in once more and reconnects with
 * the fresh token. The page's own frames are read as Chromium saw them leave
 * ({@link PageFrames}).
 */
@Grades("3.17")
@WithChromium
class PageReconnectGraderTests {

	/**
	 * Longer than the page's backoff can grow in these tests (four failures: 8 to 9 s).
	 */
	private static final Duration RECONNECTED = Duration.ofSeconds(30);

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void waitsFrom500MsDoublingUpTo30sPlusAJitterBelow1sFromTheRandomItIsGiven(Page page) {
		page.navigate("http://127.0.0.1:" + cluster.port(0) + "/");

		List<List<Integer>> waits = integers(page.evaluate("""
				() => [0, 1, 2, 3, 4, 5, 6, 7, 20, 1100].map((failures) => [
				  ChatReconnect.delay(failures, () => 0),
				  ChatReconnect.delay(failures, () => 0.5),
				  ChatReconnect.delay(failures, () => 0.999999)])
				"""));
		List<Integer> spread = integers(page.evaluate("""
				() => {
				  const waits = new Set();
				  for (let i = 0; i < 1000; i++) waits.add(ChatReconnect.delay(2, () => i / 1000));
				  return [waits.size, Math.min(...waits), Math.max(...waits)];
				}
				"""));

		List<Integer> exponential = List.of(500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000);
		assertThat(waits.stream().map((wait) -> wait.get(0)).toList()).as("""
				3.17: ChatReconnect.delay(failures, () => 0) for failures 0 to 7, 20 and 1100: 500 ms doubling
				on each failure up to the 30 s cap, with no jitter when random() answers 0""").isEqualTo(exponential);
		assertThat(waits.stream().map((wait) -> wait.get(1) - wait.get(0)).toList())
			.as("3.17: the jitter when random() answers 0.5, for the same failures: Math.floor(0.5 × 1000)")
			.containsOnly(500);
		assertThat(waits.stream().map((wait) -> wait.get(2) - wait.get(0)).toList())
			.as("3.17: the jitter when random() answers 0.999999: below 1000 ms, Math.floor, not Math.round")
			.containsOnly(999);
		assertThat(spread).as("""
				3.17: ChatReconnect.delay(2, random) for 1000 random() answers spread over [0, 1): [distinct waits,
				shortest, longest]; the jitter spreads the clients a cut-off sends back together""")
			.containsExactly(1000, 2000, 2999);
	}

	@Test
	void keepsOfflineSendsInOrderUpToItsBoundShowsAnIdOnceAndResumesAfterTheLastIdWithNoneMissing(Page page) {
		page.navigate("http://127.0.0.1:" + cluster.port(0) + "/");

		Object queue = page.evaluate(
				"""
						() => {
						  const queue = ChatReconnect.offlineQueue(2);
						  queue.add({ destination: '/app/room.a.send', body: 'one' });
						  queue.add({ destination: '/app/room.a.send', body: 'two' });
						  let refused = 'nothing';
						  try {
						    queue.add({ destination: '/app/room.a.send', body: 'three' });
						  } catch (error) {
						    refused = error instanceof ChatReconnect.OfflineQueueFullError ? 'OfflineQueueFullError' : String(error);
						  }
						  const sizeWhenFull = queue.size();
						  const drained = queue.drain().map((send) => send.body);
						  return [refused, String(sizeWhenFull), drained.join(','), String(queue.size())];
						}
						""");
		Object seen = page.evaluate(
				"""
						() => {
						  const seen = ChatReconnect.seenIds(null);
						  const answers = [seen.resumeFrom(), seen.firstTime('0-5'), seen.firstTime('0-7'), seen.firstTime('0-5'),
						    seen.resumeFrom(), seen.firstTime('0-6'), seen.resumeFrom()];
						  seen.skipTo('0-20');
						  const resumed = ChatReconnect.seenIds('0-3');
						  return [...answers, seen.resumeFrom(), resumed.firstTime('0-3'), resumed.firstTime('0-4'), resumed.resumeFrom()];
						}
						""");
		Object auth = page.evaluate(
				"""
						() => [ChatReconnect.authAction('token-expired', false), ChatReconnect.authAction('Unauthorized: bad token', true),
						  ChatReconnect.authAction('server-restart', false), ChatReconnect.authAction(null, false)]
						""");

		assertThat(queue).as("""
				3.17: offlineQueue(2) after three adds: [what the third add threw, size, drain() in order, size after];
				past its bound the newest SEND is refused at once and those waiting keep their place""")
			.isEqualTo(List.of("OfflineQueueFullError", "2", "one,two", "0"));
		assertThat(seen)
			.as("""
					3.17: seenIds(null): resumeFrom(), firstTime 0-5, 0-7, 0-5 again, resumeFrom(), firstTime 0-6,
					resumeFrom(), then after skipTo('0-20') resumeFrom(); and seenIds('0-3'): firstTime 0-3, 0-4, resumeFrom()""")
			.isEqualTo(Arrays.asList(null, true, true, false, "0-5", true, "0-7", "0-19", false, true, "0-4"));
		assertThat(auth)
			.as("""
					3.17: authAction for token-expired on a token that worked, Unauthorized on a fresh token, server-restart,
					and no message: sign in again once, give up, and leave the others to the reconnection""")
			.isEqualTo(Arrays.asList("refresh", "give-up", null, null));
	}

	@Test
	void showsEachRoomAndPrivateMessageOnceInOrderAndSendsWhatWasTypedOfflineWhenItsInstanceStops(Page page)
			throws Exception {
		String room = ClusterClients.room("page");
		ConfigurableApplicationContext victim = cluster.startApart("page-victim",
				Map.of("wslab.drain.enabled", false, "server.shutdown", "immediate"));
		int victimPort = Drill.port(victim);
		// Nginx first lists only the instance that will stop, so the page lands there.
		// Once it has stopped, the page stays offline (Nginx answers 502) while alice
		// sends and bob types, until Nginx lists the other instance too.
		NginxProxy proxy = Nginx.startOn(ChatCluster.BROWSER_PROXY_PORT, ClusterProxy.config(List.of(victimPort)));
		PageFrames frames = PageFrames.of(page);
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue echo = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			signIn(page, frames, proxy, "bob");
			assertThat(page.locator("#instance").textContent()).isEqualTo("on page-victim");
			join(page, frames, room);
			for (int n = 0; n < 8; n++) {
				say(alice, echo, room, n);
			}
			for (int n = 0; n < 3; n++) {
				whisper(alice, room, n);
			}
			awaitShown(page, frames, "the 8 messages alice sent before the stop", numbered(room, 8));
			awaitPrivate(page, frames, "the 3 private messages alice sent before the stop", 3, room);

			victim.close();
			awaitState(page, frames, "reconnecting", WAIT);
			for (int n = 8; n < 14; n++) {
				say(alice, echo, room, n);
			}
			for (int n = 3; n < 6; n++) {
				whisper(alice, room, n);
			}
			for (int i = 1; i <= 3; i++) {
				page.locator("#text").fill(room + " offline " + i);
				page.locator("#send-button").click();
			}
			assertThat(page.locator("#status").getAttribute("data-state"))
				.as("the page while Nginx knows only the stopped instance")
				.isEqualTo("reconnecting");
			proxy.reload(ClusterProxy.config(List.of(victimPort, cluster.port(0))));
			awaitState(page, frames, "connected", RECONNECTED);
			for (int n = 14; n < 20; n++) {
				say(alice, echo, room, n);
			}
			for (int n = 6; n < 8; n++) {
				whisper(alice, room, n);
			}
			awaitShown(page, frames, "all 20 of alice's messages and bob's 3",
					(texts) -> numbers(texts, room).size() >= 20
							&& texts.stream().filter((text) -> text.startsWith(room + " offline")).count() >= 3);
			awaitPrivate(page, frames, "all 8 of alice's private messages", 8, room);

			List<String> texts = page.locator("#messages li .text").allTextContents();
			List<Integer> shown = numbers(texts, room);
			assertThat(shown).as("""
					3.17: the numbers of alice's 20 messages as bob's page shows them, after the instance that held
					its socket stopped between 7 and 8 (8 to 13 were sent while it was offline):
					%s
					Frames the page wrote:
					%s(hint: subscribe again with since:<seenIds.resumeFrom()>, and show a message only when
					seenIds.firstTime(id) says so)""".formatted(table(shown, 20), frames.transcript()))
				.containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
			List<Integer> whispered = numbers(page.locator("#private-messages li .text").allTextContents(),
					room + " private");
			List<Long> inboxOrder = page.locator("#private-messages li[data-id]")
				.all()
				.stream()
				.map((line) -> Long.parseLong(line.getAttribute("data-id").substring(2)))
				.toList();
			assertThat(whispered)
				.as("""
						3.17: the numbers of alice's 8 private messages to bob as his page shows them; 3 to 5 went to
						his inbox in Redis while the page was offline (alice sends without waiting, and the server
						may log two of hers in either order, so the numbers need not be in order; the log ids must):
						%s
						Frames the page wrote:
						%s(hint: chat.js resumes the inbox with since:<seenIds.resumeFrom()> as it does a room; the
						seen ids must tell a replayed message from a live one)""".formatted(table(whispered, 8),
						frames.transcript()))
				.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 8).boxed().toList());
			assertThat(inboxOrder).as("3.17: the log ids of the private messages, in the order bob's page shows them")
				.isSorted()
				.doesNotHaveDuplicates();
			assertThat(texts.stream().filter((text) -> text.startsWith(room + " offline")).toList())
				.as("3.17: bob's messages typed while offline, as his page shows them coming back from the room")
				.containsExactlyInAnyOrder(room + " offline 1", room + " offline 2", room + " offline 3");
			List<PageFrames.Sent> written = frames.lastSocket();
			assertThat(written.stream().map(PageReconnectGraderTests::summary).filter((line) -> !line.isEmpty())).as("""
					3.17: the frames bob's page wrote on its new socket: CONNECT, the room's SUBSCRIBE with
					since, then what was typed offline, in order
					%s(hint: offlineQueue.drain() gives the SENDs oldest first)""".formatted(frames.transcript()))
				.containsSubsequence("CONNECT", "SUBSCRIBE /topic/room." + room + " since",
						"SEND " + room + " offline 1", "SEND " + room + " offline 2", "SEND " + room + " offline 3")
				.contains("SUBSCRIBE /user/queue/messages since");
		}
		finally {
			proxy.stop();
			victim.close();
		}
	}

	@Test
	void signsInOnceMoreWhenItsTokenExpiresAndReconnectsWithTheFreshToken(Page page) {
		AtomicReference<String> expiring = new AtomicReference<>();
		AtomicInteger signIns = new AtomicInteger();
		page.onRequest((request) -> signIns.addAndGet(request.url().endsWith("/api/token") ? 1 : 0));
		// The first sign-in answers a token of the chat's own kind that expires 4 to 5 s
		// later; the next ones reach the chat's /api/token.
		page.route("**/api/token", (route) -> {
			expiring.set(ReconnectingClientGraderTests.token("bob",
					Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS)));
			route.fulfill(new Route.FulfillOptions().setStatus(200)
				.setContentType("application/json")
				.setBody("{\"token\":\"" + expiring.get() + "\"}"));
		}, new Page.RouteOptions().setTimes(1));
		NginxProxy proxy = Nginx.startOn(ChatCluster.BROWSER_PROXY_PORT, ClusterProxy.config(cluster.ports()));
		PageFrames frames = PageFrames.of(page);
		try {
			signIn(page, frames, proxy, "bob");
			awaitPage(page, frames, "a second CONNECT, once the server said token-expired", RECONNECTED, () -> {
				// The page is read first: Playwright hands its events (frames, requests,
				// routes) to the test while a call to it waits for its answer.
				String state = page.locator("#status").getAttribute("data-state");
				return "connected".equals(state) && frames.commands("CONNECT").size() >= 2;
			});

			List<String> bearers = frames.commands("CONNECT").stream().map((c) -> c.header("Authorization")).toList();
			String transcript = "Frames the page wrote:\n" + frames.transcript();
			assertThat(page.locator("#errors").textContent()).as("the reason the server gave")
				.contains("token-expired");
			assertThat(signIns.get()).as("""
					3.17: sign-ins (POST /api/token) by the page: the first, and one after token-expired
					%s(hint: authAction('token-expired', false) is 'refresh')""".formatted(transcript)).isEqualTo(2);
			assertThat(bearers).as("""
					3.17: the tokens of the page's CONNECT frames: the expired one is never sent again
					%s""".formatted(transcript)).hasSize(2).doesNotHaveDuplicates();
			assertThat(bearers.get(0)).isEqualTo("Bearer " + expiring.get());
		}
		finally {
			proxy.stop();
		}
	}

	private static void signIn(Page page, PageFrames frames, NginxProxy proxy, String user) {
		page.navigate(proxy.httpUri("/").toString());
		page.locator("#username").fill(user);
		page.locator("#password").fill(user + "-pw");
		page.locator("#sign-in").click();
		awaitState(page, frames, "connected", WAIT);
	}

	/** Joins a room and waits until the page's own message comes back through it. */
	private static void join(Page page, PageFrames frames, String room) {
		page.locator("#room").fill(room);
		page.locator("#join-room").click();
		page.locator("#text").fill(room + " bob listening");
		page.locator("#send-button").click();
		awaitShown(page, frames, "bob's own message in " + room, (texts) -> texts.contains(room + " bob listening"));
	}

	/** Alice sends message n and waits for her own copy: one at a time, in log order. */
	private static void say(StompTestSession alice, FrameQueue echo, String room, int n) {
		String text = room + " seq " + n;
		alice.sendJson("/app/room." + room + ".send", "{\"text\":\"" + text + "\"}");
		while (!text.equals(json(echo.next(WAIT).body()).path("text").asString())) {
			// bob's messages in the room come back to alice too
		}
	}

	/**
	 * Alice sends bob private message n; it goes to his inbox whether he is online or
	 * not.
	 */
	private static void whisper(StompTestSession alice, String room, int n) {
		alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"" + room + " private seq " + n + "\"}");
	}

	private static void awaitPrivate(Page page, PageFrames frames, String what, int count, String room) {
		awaitPage(page, frames, what, WAIT,
				() -> numbers(page.locator("#private-messages li .text").allTextContents(), room + " private")
					.size() >= count);
	}

	private static void awaitState(Page page, PageFrames frames, String state, Duration bound) {
		awaitPage(page, frames, "the page's state " + state, bound,
				() -> state.equals(page.locator("#status").getAttribute("data-state")));
	}

	private static void awaitShown(Page page, PageFrames frames, String what, Predicate<List<String>> shown) {
		awaitPage(page, frames, what, WAIT, () -> shown.test(page.locator("#messages li .text").allTextContents()));
	}

	/**
	 * Waits on the test's thread (Playwright's objects belong to it), and stops at once
	 * when the page throws: a stub's TODO(3.17) is then the failure. A wait in vain says
	 * what the page showed and wrote. Each condition reads the page on every poll, which
	 * is also when Playwright delivers the page's events to the test.
	 */
	private static void awaitPage(Page page, PageFrames frames, String what, Duration bound, Callable<Boolean> done) {
		try {
			await(what).atMost(bound).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(() -> {
				PageErrors.rethrow(page);
				return done.call();
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("""
					3.17: waited %d s in vain for %s
					the page's state: %s (%s)
					its errors list: %s
					Frames the page wrote:
					%s""".formatted(bound.toSeconds(), what, page.locator("#status").getAttribute("data-state"),
					page.locator("#status").textContent(), page.locator("#errors li").allTextContents(),
					frames.transcript()), ex);
		}
	}

	private static Predicate<List<String>> numbered(String room, int count) {
		return (texts) -> numbers(texts, room).size() >= count;
	}

	private static List<Integer> numbers(List<String> texts, String room) {
		String prefix = room + " seq ";
		return texts.stream()
			.filter((text) -> text.startsWith(prefix))
			.map((text) -> Integer.parseInt(text.substring(prefix.length())))
			.toList();
	}

	/** Jepsen's way: what was sent, shown, lost, shown twice, out of order. */
	private static String table(List<Integer> shown, int sent) {
		List<Integer> lost = new ArrayList<>();
		List<Integer> twice = new ArrayList<>();
		for (int n = 0; n < sent; n++) {
			int times = Collections.frequency(shown, n);
			if (times == 0) {
				lost.add(n);
			}
			else if (times > 1) {
				twice.add(n);
			}
		}
		int outOfOrder = 0;
		for (int i = 1; i < shown.size(); i++) {
			outOfOrder += (shown.get(i) < shown.get(i - 1)) ? 1 : 0;
		}
		return """
				| sent | shown | lost | shown twice | out of order |
				| %d | %d | %s | %s | %d |
				shown in this order: %s""".formatted(sent, shown.size(), lost, twice, outOfOrder, shown);
	}

	private static String summary(PageFrames.Sent sent) {
		return switch (sent.command()) {
			case "CONNECT" -> "CONNECT";
			case "SUBSCRIBE" ->
				"SUBSCRIBE " + sent.header("destination") + ((sent.header("since") != null) ? " since" : "");
			case "SEND" -> "SEND " + json(sent.body()).path("text").asString("");
			default -> "";
		};
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> integers(Object evaluated) {
		List<Object> list = (List<Object>) evaluated;
		return (List<T>) list.stream()
			.map((item) -> (item instanceof List<?> inner)
					? inner.stream().map((number) -> ((Number) number).intValue()).toList()
					: ((Number) item).intValue())
			.toList();
	}

}
