package dev.wslab.production.reconnect;

import java.util.List;
import java.util.Map;

import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.nginx.NginxConfig;
import dev.wslab.kit.nginx.NginxExtension;
import dev.wslab.kit.nginx.NginxProxy;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.cluster.InstanceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failure drill 1 (issue 11), graded for exercise 3.10: {@code kill -9} of bob's
 * instance. Bob's reconnecting client reaches the chat through Nginx, which sends every
 * connection to the victim, an instance in a JVM of its own ({@link InstanceProcess}),
 * while it answers, and to the survivor, its backup, once it does not. Alice sends 200
 * numbered messages, one at a time, from the survivor. Once bob has seen a quarter, the
 * victim gets SIGKILL: no close frame, no drain, no shutdown hook; bob's TCP connection
 * is reset. His client reconnects through the same Nginx, lands on the survivor, renews
 * its subscription with {@code since}, and the drill counts, by the numbers in the texts,
 * what he was shown: sent, delivered, lost, duplicated, and the time from the kill to the
 * new connection ({@link Drill}).
 *
 * <p>
 * The survivor is apart from the shared cluster, so other graders' instances stay up, and
 * both have the rate limit of 3.5 raised out of the way of 200 quick SENDs.
 */
@Grades("3.10")
class KillOneInstanceDrillTests {

	private static final String FAILOVER = "dev/wslab/production/reconnect/failover.conf";

	/** SIGKILL's exit status from a shell's point of view: 128 + 9. */
	private static final int KILLED = 137;

	@RegisterExtension
	static final DrillInstances instances = new DrillInstances("drill", Map.of());

	@RegisterExtension
	static final NginxExtension nginx = new NginxExtension();

	private final Drill drill = new Drill("3.10", "kill-one-instance", """
			renew each subscription with since:<SeenIds.resumeFrom()>, and let
			SeenIds.firstTime drop what a replay brings twice""");

	private InstanceProcess victim;

	@AfterEach
	void closeClientsAndTheVictim() {
		this.drill.close();
		if (this.victim != null) {
			this.victim.close();
		}
	}

	@Test
	void losesNoRoomMessageWhenItsInstanceIsKilled() throws Exception {
		String room = ClusterClients.room("drill");
		Drill.Figures figures = killDuring("room", room, "/topic/room." + room, Drill.room(room, room));

		assertThat(figures.lost()).as(figures.transcript()).isZero();
		assertThat(figures.duplicated()).as(figures.transcript()).isZero();
	}

	@Test
	void losesNoPrivateMessageWhenItsInstanceIsKilled() throws Exception {
		String run = ClusterClients.room("private");
		Drill.Figures figures = killDuring("private", run, "/user/queue/messages", Drill.privateToBob(run));

		assertThat(figures.lost()).as(figures.transcript()).isZero();
		assertThat(figures.duplicated()).as(figures.transcript()).isZero();
	}

	private Drill.Figures killDuring(String kind, String run, String destination, Drill.SenderSetup sender)
			throws Exception {
		this.victim = ChatCluster.shared().startProcess("drill-victim", Drill.UNLIMITED);
		int survivor = Drill.port(instances.survivor());
		NginxProxy proxy = nginx.start(NginxConfig.fromClasspath(FAILOVER)
			.upstream("victim", this.victim.port())
			.upstream("survivor", survivor));
		Drill.Figures figures = this.drill.run(kind, run, destination, List.of(proxy.wsUri("/ws/chat")), survivor,
				sender, this.victim::kill);
		assertThat(this.victim.exitValue()).as("the victim's exit status: killed by SIGKILL").isEqualTo(KILLED);
		return figures;
	}

}
