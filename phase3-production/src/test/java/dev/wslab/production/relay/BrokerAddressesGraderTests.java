package dev.wslab.production.relay;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Grades the address list of exercise 3.12: parsed as written, unresolved, and given out
 * in turn round the list, also to many threads at once. The drill that stops a node under
 * traffic is {@code NodeLostDrillTests}.
 */
@Grades("3.12")
class BrokerAddressesGraderTests {

	@Test
	void readsEveryHostAndPortInOrderAndLeavesThemUnresolved() {
		BrokerAddresses list = new BrokerAddresses(" rabbit-a:61613 , 127.0.0.1:61614,[::1]:61615 ");

		assertThat(list.addresses()).as("3.12: the addresses of ' rabbit-a:61613 , 127.0.0.1:61614,[::1]:61615 '")
			.containsExactly(InetSocketAddress.createUnresolved("rabbit-a", 61613),
					InetSocketAddress.createUnresolved("127.0.0.1", 61614),
					InetSocketAddress.createUnresolved("::1", 61615));
		assertThat(list.addresses()).as("3.12: unresolved, so the name is looked up at each connect")
			.allMatch(InetSocketAddress::isUnresolved);
	}

	@Test
	void acceptsEveryPortFromOneTo65535() {
		BrokerAddresses list = new BrokerAddresses("rabbit-a:1,rabbit-b:65535");

		assertThat(list.addresses())
			.as("3.12: the addresses of 'rabbit-a:1,rabbit-b:65535', the ends of the port range")
			.containsExactly(InetSocketAddress.createUnresolved("rabbit-a", 1),
					InetSocketAddress.createUnresolved("rabbit-b", 65535));
	}

	@Test
	void givesTheNextAddressAtEachCallRoundTheList() {
		BrokerAddresses list = new BrokerAddresses("a:1,b:2,c:3");

		List<SocketAddress> turns = IntStream.range(0, 7).mapToObj((i) -> list.get()).toList();

		assertThat(turns).as("""
				3.12: seven calls of get() on a:1,b:2,c:3 (hint: each connection, and each retry after a lost
				node, asks again: in turn, the one after a dead node is another)""")
			.containsExactly(address("a", 1), address("b", 2), address("c", 3), address("a", 1), address("b", 2),
					address("c", 3), address("a", 1));
	}

	@Test
	void sharesTheTurnsEvenlyBetweenThreadsCallingAtOnce() throws Exception {
		BrokerAddresses list = new BrokerAddresses("a:1,b:2");
		Map<SocketAddress, Integer> counts = new ConcurrentHashMap<>();

		try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
			List<Future<?>> calls = IntStream.range(0, 4)
				.<Future<?>>mapToObj((t) -> threads
					.submit(() -> IntStream.range(0, 5_000).forEach((i) -> counts.merge(list.get(), 1, Integer::sum))))
				.toList();
			for (Future<?> call : calls) {
				call.get(10, TimeUnit.SECONDS);
			}
		}

		assertThat(counts).as("3.12: 20,000 calls from 4 threads (hint: an AtomicInteger, not an int++)")
			.containsExactlyInAnyOrderEntriesOf(Map.of(address("a", 1), 10_000, address("b", 2), 10_000));
	}

	@Test
	void refusesAListItCannotConnectToNamingTheEntry() {
		assertThatIllegalArgumentException().as("3.12: an empty list").isThrownBy(() -> new BrokerAddresses(" , "));
		assertThatIllegalArgumentException().as("3.12: an entry without a port")
			.isThrownBy(() -> new BrokerAddresses("a:1,rabbit-b"))
			.withMessageContaining("rabbit-b");
		assertThatIllegalArgumentException().as("3.12: an entry whose port is missing after the colon")
			.isThrownBy(() -> new BrokerAddresses("a:1, rabbit-b:"))
			.withMessageContaining("rabbit-b:");
		assertThatIllegalArgumentException().as("3.12: an entry without a host")
			.isThrownBy(() -> new BrokerAddresses("a:1,:61613"))
			.withMessageContaining(":61613");
		assertThatIllegalArgumentException().as("3.12: a port that is not a number")
			.isThrownBy(() -> new BrokerAddresses("rabbit-a:stomp"))
			.withMessageContaining("rabbit-a:stomp");
		assertThatIllegalArgumentException().as("3.12: port 0")
			.isThrownBy(() -> new BrokerAddresses("rabbit-a:0"))
			.withMessageContaining("rabbit-a:0");
		assertThatIllegalArgumentException().as("3.12: port 65536")
			.isThrownBy(() -> new BrokerAddresses("rabbit-a:65536"))
			.withMessageContaining("rabbit-a:65536");
	}

	private static SocketAddress address(String host, int port) {
		return InetSocketAddress.createUnresolved(host, port);
	}

}
