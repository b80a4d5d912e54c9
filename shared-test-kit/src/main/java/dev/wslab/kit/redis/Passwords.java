package dev.wslab.kit.redis;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Generates the passwords the kit gives its Redis instances. */
final class Passwords {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Passwords() {
	}

	static String generate() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return "wslab-" + HexFormat.of().formatHex(bytes);
	}

}
