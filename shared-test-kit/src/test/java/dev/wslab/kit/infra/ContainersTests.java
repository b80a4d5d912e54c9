package dev.wslab.kit.infra;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image names come from a variable or the pinned default, and a pull failure says what to
 * do.
 */
class ContainersTests {

	@Test
	void withoutTheVariableTheImageIsThePinnedUpstreamOne() {
		DockerImageName image = Containers.image(Map.of(), "WSLAB_REDIS_IMAGE", "redis:7.4.2-alpine");

		assertThat(image.asCanonicalNameString()).isEqualTo("redis:7.4.2-alpine");
	}

	@Test
	void theVariableNamesAReplacementThatModulesAcceptAsTheUpstreamImage() {
		DockerImageName image = Containers.image(Map.of("WSLAB_RABBITMQ_IMAGE", "wslab/rabbitmq:debian"),
				"WSLAB_RABBITMQ_IMAGE", "rabbitmq:4.1.4");

		assertThat(image.asCanonicalNameString()).isEqualTo("wslab/rabbitmq:debian");
		assertThat(image.isCompatibleWith(DockerImageName.parse("rabbitmq"))).isTrue();
	}

	@Test
	void aPullFailureNamesTheVariableAndTheLocalWayOut() {
		InfrastructureUnavailableException failure = Containers.pullFailure(DockerImageName.parse("redis:7.4.2-alpine"),
				"WSLAB_REDIS_IMAGE", "sudo apt-get install -y redis-server", new IllegalStateException("no registry"));

		assertThat(failure.getMessage()).isEqualTo("""
				Docker could not get the image redis:7.4.2-alpine. Two ways out:
				    1. make an image available to this engine and name it with WSLAB_REDIS_IMAGE=<image> \
				(.ci/docker/build-images builds one from Debian packages);
				    2. run without Docker: WSLAB_INFRA=local, after
				       sudo apt-get install -y redis-server""");
	}

}
