package dev.wslab.kit.workshop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkshopSettingsTests {

	@Test
	void brokerUrlGivesTheLoginTheVirtualHostAndTheWorkshop() {
		WorkshopSettings settings = WorkshopSettings
			.parse("stomp://wslab-participant:s3cr+t@broker.lan/room1?vhost=wslab", "alice");

		assertThat(settings).isEqualTo(
				new WorkshopSettings("broker.lan", 61613, "wslab-participant", "s3cr+t", "wslab", "room1", "alice"));
		assertThat(settings.destination()).isEqualTo("/exchange/wslab.workshop/room1.alice");
		assertThat(settings.toString()).doesNotContain("s3cr+t");
	}

	@Test
	void aNameThatWouldBreakTheRoutingKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkshopSettings.parse("stomp://u:p@h/room1", "al.ice"))
			.withMessageContaining("participant name");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkshopSettings.parse("stomp://u:p@h/room.1", "alice"))
			.withMessageContaining("workshop id");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkshopSettings.parse("amqp://u:p@h/room1", "alice"))
			.withMessageContaining("stomp://user:password@host");
	}

	@Test
	void joinSavesAFileOnlyItsOwnerReadsAndTheEnvironmentOverridesIt(@TempDir Path root) throws Exception {
		WorkshopSettings.parse("stomp://u:p@broker.lan:61614/room1", "alice")
			.save(root, "stomp://u:p@broker.lan:61614/room1");

		assertThat(WorkshopSettings.load(root, Map.of())).hasValueSatisfying((settings) -> {
			assertThat(settings.port()).isEqualTo(61614);
			assertThat(settings.participant()).isEqualTo("alice");
		});
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(WorkshopSettings.FILE))))
			.isEqualTo("rw-------");
		assertThat(WorkshopSettings.load(root,
				Map.of("WSLAB_WORKSHOP_URL", "stomp://u:p@other.lan/room2", "WSLAB_WORKSHOP_NAME", "bob")))
			.hasValueSatisfying((settings) -> assertThat(settings.routingKey()).isEqualTo("room2.bob"));
		assertThat(WorkshopSettings.load(root.resolve("elsewhere"), Map.of())).isEmpty();
	}

}
