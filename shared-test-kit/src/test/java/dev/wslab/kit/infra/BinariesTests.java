package dev.wslab.kit.infra;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A missing program fails with the command that installs it, never with a skip. */
class BinariesTests {

	@Test
	void findsAProgramOnTheSearchPath() {
		assertThat(Binaries.find(List.of("sh"), "/nonexistent:/bin:/usr/bin")).isPresent();
	}

	@Test
	void aMissingProgramFailsWithTheExactInstallCommand() {
		assertThatThrownBy(() -> Binaries.require("rabbitmq-server", "sudo apt-get install -y rabbitmq-server",
				List.of("/nonexistent/rabbitmq-server", "wslab-no-such-program")))
			.isInstanceOf(InfrastructureUnavailableException.class)
			.hasMessageContaining("rabbitmq-server is needed by this grader but was not found")
			.hasMessageContaining("sudo apt-get install -y rabbitmq-server");
	}

}
