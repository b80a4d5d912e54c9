package dev.wslab.production.relay;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exercise 3.12: the broker address list for failover. The relay is given every node of
 * a RabbitMQ cluster as {@code host:port,host:port}, and asks this supplier for an address
 * each time it opens a TCP connection: its system session, each client session, and
 * every reconnection. Each call gives the next address in turn, round the list, so that a
 * connection lost with its node is made again on another node: the system session's
 * next attempt (Spring retries it every 5 s), or the client's next CONNECT.
 *
 * <p>
 * The addresses stay unresolved ({@link InetSocketAddress#createUnresolved}): the name
 * is looked up at each connect, not once at start, so a node that moves keeps its name.
 */
public final class BrokerAddresses implements Supplier<SocketAddress> {

	// TODO(3.12): the fields you need: the parsed addresses, and whose turn is next.

	/**
	 * Reads an address list.
	 * @param list {@code host:port} entries separated by commas, spaces allowed around
	 * them; an IPv6 host in brackets, such as {@code [::1]:61613}
	 * @throws IllegalArgumentException for an empty list, an entry without a port, or a
	 * port outside 1 to 65535, naming the entry
	 */
	public BrokerAddresses(String list) {
		throw new UnsupportedOperationException(
				"TODO(3.12): BrokerAddresses: split the list on commas, strip each entry, parse host:port (brackets around an IPv6 host) into InetSocketAddress.createUnresolved, and refuse an empty list or a bad entry with IllegalArgumentException");
	}

	/**
	 * Returns the addresses, in the list's order.
	 * @return the unresolved addresses
	 */
	public List<InetSocketAddress> addresses() {
		throw new UnsupportedOperationException("TODO(3.12): BrokerAddresses.addresses: the parsed list, in order");
	}

	/**
	 * Returns the address for the next connection: the one after the last returned,
	 * round the list. Safe to call from any thread; concurrent calls get the addresses
	 * in turn.
	 * @return an unresolved address
	 */
	@Override
	public SocketAddress get() {
		throw new UnsupportedOperationException(
				"TODO(3.12): BrokerAddresses.get: the next address round the list, from an AtomicInteger (Math.floorMod keeps it in range)");
	}

}
