package dev.wslab.kit.rabbitmq;

import dev.wslab.kit.nginx.Nginx;
import dev.wslab.kit.nginx.NginxConfig;
import dev.wslab.kit.nginx.NginxProxy;

/**
 * Run in a child JVM by the cleanup tests: starts a private RabbitMQ and an Nginx with
 * the kit's chosen provider (local processes or containers), says where they listen, and
 * waits to be killed, leaving both behind as a crashed test JVM would.
 */
public final class LeftoverMaker {

	private LeftoverMaker() {
	}

	/**
	 * Entry point.
	 * @param args unused
	 * @throws Exception if anything fails to start
	 */
	public static void main(String[] args) throws Exception {
		RabbitMqBroker rabbit = RabbitMq.startPrivate();
		NginxProxy nginx = Nginx
			.start(new NginxConfig("server { listen {{listen}}; return 200 'ok'; }", java.util.Map.of()));
		System.out.println("READY " + rabbit.stompPort() + " " + nginx.port());
		System.out.flush();
		Thread.currentThread().join();
	}

}
