package dev.wslab.spring.raw;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Grades exercise 2.1's buffer limit: while a send to a client that stopped reading is
 * stuck, later sends wait in the decorator's buffer; past the limit the session is closed
 * and forgotten. No time limit can fire here: it is a minute.
 */
@Grades("2.1")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "wslab.raw.send-time-limit=60s", "wslab.raw.send-buffer-limit=256KB" })
class SendBufferLimitGraderTests {

	@LocalServerPort
	int port;

	@Autowired
	EchoHandler echo;

	@Test
	void closesAClientWhoseWaitingMessagesOutgrowTheBufferLimit() throws Exception {
		try (DecoratorLimits stage = new DecoratorLimits(this.echo, this.port)) {
			stage.stallZed();

			stage.tickUntilZedIsClosed(16 * 1024);

			stage.assertZedIsGoneAndAnnStillServed();
		}
	}

}
