package dev.wslab.spring.raw;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.wslab.kit.client.ws.RawWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stage for the decorator's limits: ann reads everything, zed connects and then reads
 * nothing. Broadcasts run on threads of their own, as they would from a message queue
 * listener, so one stuck send does not hold the test.
 */
final class DecoratorLimits implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(20);

	private final EchoHandler echo;

	final RawWebSocketClient ann;

	final RawWebSocketClient zed;

	private final ExecutorService broadcasters = Executors.newVirtualThreadPerTaskExecutor();

	DecoratorLimits(EchoHandler echo, int port) throws Exception {
		this.echo = echo;
		URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/echo");
		this.ann = RawWebSocketClient.connect(uri);
		this.zed = RawWebSocketClient.connectWithoutReading(uri);
		await().atMost(WAIT).until(() -> echo.openSessions() == 2);
	}

	/** Broadcasts on a thread of its own. */
	void broadcastAsync(String text) {
		this.broadcasters.submit(() -> this.echo.broadcast(text));
	}

	/**
	 * On one thread, broadcasts far more than zed's socket buffers hold (a few MiB on
	 * Linux): that thread ends up stuck in a send to zed, holding zed's decorator.
	 */
	void stallZed() {
		String chunk = "z".repeat(128 * 1024);
		this.broadcasters.submit(() -> {
			for (int i = 0; i < 64; i++) {
				this.echo.broadcast(chunk);
			}
		});
	}

	/**
	 * Every 100 ms, broadcasts one more message on a thread of its own, until zed's
	 * session is gone. To ann each goes straight out; to zed each waits in the
	 * decorator's buffer, behind the stuck send, and makes the decorator check its
	 * limits.
	 * @param size the size of each message
	 */
	void tickUntilZedIsClosed(int size) {
		String tick = "t".repeat(size);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
			broadcastAsync(tick);
			return this.echo.openSessions() < 2;
		});
	}

	/**
	 * Checks what everyone sees once zed is gone: ann still gets broadcasts, and zed's
	 * TCP connection has been closed by the server.
	 */
	void assertZedIsGoneAndAnnStillServed() throws Exception {
		assertThat(this.echo.openSessions()).as("only ann's session is left").isEqualTo(1);
		this.echo.broadcast("after zed");
		// Tomcat splits the big broadcasts into continuation frames: skip to the end.
		while (!"after zed".equals(this.ann.nextFrame(WAIT).text())) {
			// Earlier broadcasts.
		}
		this.zed.resumeReading();
		assertThat(this.zed.awaitTcpClose(WAIT)).as("the server closed zed's connection").isTrue();
	}

	@Override
	public void close() throws Exception {
		this.broadcasters.shutdownNow();
		this.ann.close();
		this.zed.close();
	}

}
