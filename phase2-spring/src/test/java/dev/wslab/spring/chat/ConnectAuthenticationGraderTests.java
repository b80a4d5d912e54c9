package dev.wslab.spring.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import dev.wslab.spring.chat.auth.Forged;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.wslab.spring.chat.ChatClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 2.7: a CONNECT without a valid token gets an ERROR frame that says why,
 * and the connection ends; everybody else carries on.
 */
@Grades("2.7")
@ChatServerTest
class ConnectAuthenticationGraderTests {

	private static final SecretKey APP_KEY = new SecretKeySpec(Base64.getDecoder().decode(ChatServerTest.SECRET),
			"HmacSHA256");

	@LocalServerPort
	int port;

	@Test
	void connectsWithAValidToken() throws Exception {
		try (RawStomp stomp = RawStomp.open(this.port)) {
			stomp.send(connect("Authorization:Bearer " + ChatClients.token(this.port, "bob")));

			assertThat(stomp.next(WAIT)).startsWith("CONNECTED\n").contains("\nuser-name:bob\n");
		}
	}

	@Test
	void refusesAConnectWithoutAuthorizationHeader() throws Exception {
		assertRefused(connect("x-nothing:here"),
				"Unauthorized: CONNECT needs an 'Authorization: Bearer <token>' header");
	}

	@Test
	void refusesAnExpiredToken() throws Exception {
		String expired = signed(APP_KEY, Instant.now().minus(Duration.ofMinutes(5)));

		assertRefused(connect("Authorization:Bearer " + expired), "Unauthorized: the token has expired");
	}

	@Test
	void refusesATokenSignedWithAnotherKey() throws Exception {
		String forged = signed(Jwts.SIG.HS256.key().build(), Instant.now().plus(Duration.ofHours(1)));

		assertRefused(connect("Authorization:Bearer " + forged), "Unauthorized: the token's signature is not valid");
	}

	@Test
	void refusesAMalformedToken() throws Exception {
		assertRefused(connect("Authorization:Bearer abc.def"), "Unauthorized: the token is malformed");
	}

	@Test
	void refusesAnAlgNoneToken() throws Exception {
		String unsigned = Forged.unsigned("admin", Instant.now().plus(Duration.ofHours(1)));

		assertRefused(connect("Authorization:Bearer " + unsigned), "Unauthorized: the token is not a signed JWS");
	}

	@Test
	void refusesATokenThatNeverExpires() throws Exception {
		assertRefused(connect("Authorization:Bearer " + signed(APP_KEY, null)),
				"Unauthorized: the token has no expiry (exp)");
	}

	@Test
	void keepsServingOthersWhileRefusing() throws Exception {
		String stillOpenRoom = ChatClients.freshRoom("still-open");
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			var room = alice.subscribeWithReceipt("/topic/room." + stillOpenRoom, WAIT);

			assertRefused(connect("Authorization:Bearer nonsense"), "Unauthorized: the token is malformed");
			alice.sendJson("/app/room." + stillOpenRoom + ".send", "{\"text\":\"still here\"}");

			assertThat(room.next(WAIT).body()).contains("still here");
		}
	}

	private void assertRefused(String connectFrame, String reason) throws Exception {
		try (RawStomp stomp = RawStomp.open(this.port)) {
			stomp.send(connectFrame);

			// STOMP 1.2 escapes a colon in a header value as \c; the body keeps it as is.
			assertThat(stomp.next(WAIT)).isEqualTo("""
					ERROR
					message:%s
					content-length:%d

					%s""".formatted(reason.replace(":", "\\c"), reason.length(), reason));
			WireFrame close = stomp.socket().nextFrame(WAIT);
			assertThat(close.opcode()).as("the server ends the connection after ERROR").isEqualTo(WireFrame.CLOSE);
		}
	}

	private static String connect(String extraHeader) {
		return """
				CONNECT
				accept-version:1.2
				host:localhost
				%s

				""".formatted(extraHeader);
	}

	private static String signed(SecretKey key, Instant expiry) {
		var builder = Jwts.builder()
			.issuer("wslab-chat")
			.subject("alice")
			.claim("roles", List.of("USER"))
			.issuedAt(Date.from(Instant.now().minus(Duration.ofHours(2))));
		if (expiry != null) {
			builder.expiration(Date.from(expiry));
		}
		return builder.signWith(key, Jwts.SIG.HS256).compact();
	}

}
