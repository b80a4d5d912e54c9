package dev.wslab.spring.chat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's token endpoint, {@code POST /api/token}: part of its public contract, and
 * given code ({@code chat/auth/TokenController}), so not a grader. 2.7 grades what a
 * CONNECT does with the token.
 */
@ChatServerTest
class TokenEndpointTests {

	@LocalServerPort
	int port;

	@Test
	void issuesTokensOnlyForTheRightPassword() {
		assertThat(ChatClients.postToken(this.port, """
				{"username":"alice","password":"alice-pw"}""").statusCode()).isEqualTo(200);

		var wrong = ChatClients.postToken(this.port, """
				{"username":"alice","password":"guess"}""");

		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).contains("wrong username or password").doesNotContain("token");
	}

	@Test
	void answersABodyThatIsNotJsonWith400() {
		assertThat(ChatClients.postToken(this.port, "{not json").statusCode()).isEqualTo(400);
	}

}
