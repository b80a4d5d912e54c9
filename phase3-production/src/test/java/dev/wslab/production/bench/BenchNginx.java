package dev.wslab.production.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.wslab.kit.infra.Binaries;
import dev.wslab.kit.infra.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * A Debian {@code nginx} in front of one capacity server, for the hold benchmark. Not the
 * kit's {@code Nginx}: that one is sized for graders (one worker, 4,096 connections),
 * while this one is sized to find the proxy's own ceiling: each worker may use the whole
 * per-process open-file limit ({@code worker_rlimit_nofile}), and every proxied WebSocket
 * holds two of them, the client's socket and the upstream's.
 */
final class BenchNginx implements AutoCloseable {

	private static final String INSTALL = "sudo apt-get install -y nginx";

	private final Process master;

	private final int port;

	private final Path errorLog;

	private BenchNginx(Process master, int port, Path errorLog) {
		this.master = master;
		this.port = port;
		this.errorLog = errorLog;
	}

	/**
	 * Starts Nginx with the given number of workers, proxying WebSocket upgrades to the
	 * upstream port.
	 * @param upstreamPort the server's port on 127.0.0.1
	 * @param workers {@code worker_processes}
	 * @param openFiles {@code worker_rlimit_nofile} and {@code worker_connections}
	 * @return the running proxy
	 * @throws IOException if it cannot be configured or started
	 */
	static BenchNginx start(int upstreamPort, int workers, long openFiles) throws IOException {
		Path nginx = Binaries.require("nginx", INSTALL, List.of("nginx", "/usr/sbin/nginx"));
		Path prefix = Files.createTempDirectory("wslab-bench-nginx");
		Files.createDirectories(prefix.resolve("logs"));
		int port = FreePorts.next();
		// Workers of a root master switch to an unprivileged user that could not write
		// the temp paths.
		String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
		Files.writeString(prefix.resolve("nginx.conf"), user + """
				worker_processes %d;
				worker_rlimit_nofile %d;
				pid logs/nginx.pid;
				error_log logs/error.log warn;
				events { worker_connections %d; }
				http {
				  access_log off;
				  client_body_temp_path logs/client_body;
				  proxy_temp_path logs/proxy;
				  fastcgi_temp_path logs/fastcgi;
				  uwsgi_temp_path logs/uwsgi;
				  scgi_temp_path logs/scgi;
				  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
				  server {
				    listen 127.0.0.1:%d backlog=4096;
				    location / {
				      proxy_pass http://127.0.0.1:%d;
				      proxy_http_version 1.1;
				      proxy_set_header Upgrade $http_upgrade;
				      proxy_set_header Connection $connection_upgrade;
				      proxy_read_timeout 1h;
				    }
				  }
				}
				""".formatted(workers, openFiles, openFiles, port, upstreamPort));
		Process master = new ProcessBuilder(nginx.toString(), "-p", prefix + "/", "-c", "nginx.conf", "-e",
				"logs/error.log", "-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("logs/console.log").toFile())
			.start();
		BenchNginx proxy = new BenchNginx(master, port, prefix.resolve("logs/error.log"));
		await("nginx listening on " + port).atMost(Duration.ofSeconds(20)).until(() -> {
			if (!master.isAlive()) {
				throw new IOException("nginx exited: " + Files.readString(prefix.resolve("logs/error.log")));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return proxy;
	}

	int port() {
		return this.port;
	}

	/**
	 * Whether a worker said it ran out of connection slots: {@code worker_connections}
	 * counts the client's connection and the upstream's, and Nginx logs
	 * {@code worker_connections are not enough} at {@code warn}.
	 * @return whether the error log says so
	 */
	boolean ranOutOfConnections() {
		try {
			return Files.readString(this.errorLog).contains("worker_connections are not enough");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The open descriptors of the busiest worker, counted from outside: the limit is per
	 * process.
	 * @return the most any one worker holds
	 */
	long busiestWorkerFiles() {
		return this.master.children().mapToLong(BenchNginx::openFiles).max().orElse(0);
	}

	/**
	 * The open descriptors of all workers together.
	 * @return their sum
	 */
	long workerFiles() {
		return this.master.children().mapToLong(BenchNginx::openFiles).sum();
	}

	private static long openFiles(ProcessHandle process) {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/" + process.pid() + "/fd"))) {
			return descriptors.count();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	@Override
	public void close() throws InterruptedException {
		List<ProcessHandle> workers = this.master.children().toList();
		this.master.destroy();
		if (!this.master.waitFor(20, TimeUnit.SECONDS)) {
			this.master.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		workers.forEach(ProcessHandle::destroyForcibly);
	}

}
