package dev.wslab.spring.raw;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Grades exercise 2.1's send-time limit: the decorator notices a send that has been stuck
 * too long when the next send comes along, and the session is closed and forgotten. No
 * buffer limit can fire here: it is 1 GB.
 */
@Grades("2.1")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "wslab.raw.send-time-limit=500ms", "wslab.raw.send-buffer-limit=1GB" })
class SendTimeLimitGraderTests {

	@LocalServerPort
	int port;

	@Autowired
	EchoHandler echo;

	@Test
	void closesAClientWhoseSendIsStuckLongerThanTheTimeLimit() throws Exception {
		try (DecoratorLimits stage = new DecoratorLimits(this.echo, this.port)) {
			stage.stallZed();

			stage.tickUntilZedIsClosed(1024);

			stage.assertZedIsGoneAndAnnStillServed();
		}
	}

}
