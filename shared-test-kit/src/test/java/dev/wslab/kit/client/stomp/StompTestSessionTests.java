package dev.wslab.kit.client.stomp;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wslab.kit.client.ws.Transcript;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A broker closes the connection right after its ERROR frame, so a test's close can find
 * the session still "connected" and the DISCONNECT refused. Seen in CI as
 * {@code IllegalStateException: Connection closed} out of a test's cleanup.
 */
class StompTestSessionTests {

	@Test
	void closeAfterThePeerHasGoneIsQuietAndStillReleasesTheClient() {
		for (RuntimeException refusal : new RuntimeException[] { new IllegalStateException("Connection closed"),
				new MessageDeliveryException("Failed to send message") }) {
			Transcript transcript = new Transcript();
			AtomicBoolean released = new AtomicBoolean();
			StompTestSession session = new StompTestSession(closedUnderfoot(refusal), transcript,
					new FrameQueue("ERROR frames", transcript), () -> released.set(true));

			assertThatNoException().isThrownBy(session::close);

			assertThat(released).as("the client and its scheduler are stopped").isTrue();
			assertThat(transcript.toString()).contains("DISCONNECT not sent", refusal.getMessage());
		}
	}

	/**
	 * A session that still says it is connected, whose DISCONNECT finds the socket gone.
	 */
	private static StompSession closedUnderfoot(RuntimeException refusal) {
		return (StompSession) Proxy.newProxyInstance(StompSession.class.getClassLoader(),
				new Class<?>[] { StompSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "isConnected" -> true;
					case "getSessionId" -> "s-1";
					case "disconnect" -> throw refusal;
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

}
