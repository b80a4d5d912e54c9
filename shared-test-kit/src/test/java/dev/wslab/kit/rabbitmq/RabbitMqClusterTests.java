package dev.wslab.kit.rabbitmq;

import java.time.Duration;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's two-node cluster is one broker with two doors: both nodes are running members
 * of it, a message sent to one reaches a subscriber on the other, and the survivor of a
 * lost node still takes subscriptions.
 */
class RabbitMqClusterTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void twoJoinedNodesCarryATopicAcrossAndOneSurvivesTheOther() {
		try (RabbitMqCluster cluster = RabbitMqCluster.startPrivate()) {
			RabbitMqBroker a = cluster.node(0);
			RabbitMqBroker b = cluster.node(1);
			String topic = a.uniqueTopic("cluster");

			assertThat(cluster.runningNodes()).containsExactlyInAnyOrder(cluster.nodeName(0), cluster.nodeName(1));
			try (StompTestSession onA = connect(a); StompTestSession onB = connect(b)) {
				FrameQueue received = onB.subscribeWithReceipt(topic, WAIT);
				onA.sendJson(topic, "{\"text\":\"from a to b\"}");

				assertThat(received.next(WAIT).body()).isEqualTo("{\"text\":\"from a to b\"}");
			}

			cluster.stopNode(0);

			assertThat(cluster.runningNodes()).containsExactly(cluster.nodeName(1));
			try (StompTestSession onB = connect(b)) {
				FrameQueue received = onB.subscribeWithReceipt(topic, WAIT);
				onB.sendJson(topic, "{\"text\":\"b alone\"}");

				assertThat(received.next(WAIT).body()).isEqualTo("{\"text\":\"b alone\"}");
			}
		}
	}

	private static StompTestSession connect(RabbitMqBroker node) {
		return StompTestClient.overTcp(node.host(), node.stompPort(), RabbitMqStompTests.login(node), WAIT);
	}

}
