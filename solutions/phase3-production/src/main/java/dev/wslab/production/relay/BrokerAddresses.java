package dev.wslab.production.relay;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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

	private final List<InetSocketAddress> addresses;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * Reads an address list.
	 * @param list {@code host:port} entries separated by commas, spaces allowed around
	 * them; an IPv6 host in brackets, such as {@code [::1]:61613}
	 * @throws IllegalArgumentException for an empty list, an entry without a port, or a
	 * port outside 1 to 65535, naming the entry
	 */
	public BrokerAddresses(String list) {
		List<InetSocketAddress> parsed = new ArrayList<>();
		for (String entry : list.split(",")) {
			if (!entry.isBlank()) {
				parsed.add(parse(entry.strip()));
			}
		}
		if (parsed.isEmpty()) {
			throw new IllegalArgumentException("No broker address in '" + list + "'; expected host:port,host:port");
		}
		this.addresses = List.copyOf(parsed);
	}

	/**
	 * Returns the addresses, in the list's order.
	 * @return the unresolved addresses
	 */
	public List<InetSocketAddress> addresses() {
		return this.addresses;
	}

	/**
	 * Returns the address for the next connection: the one after the last returned,
	 * round the list. Safe to call from any thread; concurrent calls get the addresses
	 * in turn.
	 * @return an unresolved address
	 */
	@Override
	public SocketAddress get() {
		return this.addresses.get(Math.floorMod(this.next.getAndIncrement(), this.addresses.size()));
	}

	private static InetSocketAddress parse(String entry) {
		int colon = entry.lastIndexOf(':');
		if (colon <= 0 || colon == entry.length() - 1) {
			throw new IllegalArgumentException("Broker address '" + entry + "' is not host:port");
		}
		String host = entry.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port;
		try {
			port = Integer.parseInt(entry.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Broker address '" + entry + "' has no port number", ex);
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Broker address '" + entry + "' has port " + port
					+ ", outside 1 to 65535");
		}
		return InetSocketAddress.createUnresolved(host, port);
	}

}
