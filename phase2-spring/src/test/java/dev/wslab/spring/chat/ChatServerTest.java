package dev.wslab.spring.chat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The chat on a random port, with a known JWT secret so tests can forge bad tokens. Every
 * class with this annotation shares one running app.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"wslab.chat.jwt.secret=" + ChatServerTest.SECRET, "wslab.chat.allowed-origins=" + ChatServerTest.PAGE_ORIGIN })
@interface ChatServerTest {

	/** The one origin whose pages may open the chat's endpoints in these tests. */
	String PAGE_ORIGIN = "http://chat.example";

	/** 32 bytes, base64: the test app's HMAC key. */
	String SECRET = "d3NsYWItdGVzdC1zZWNyZXQtb2YtMzItYnl0ZXMtISE=";

}
