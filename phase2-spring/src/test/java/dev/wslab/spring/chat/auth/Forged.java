package dev.wslab.spring.chat.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Tokens an attacker could write by hand. */
public final class Forged {

	private Forged() {
	}

	/**
	 * An unsecured JWT ({@code "alg":"none"}, empty signature) that claims to be a user.
	 * @param user the claimed user
	 * @param expiry its expiry
	 * @return the token
	 */
	public static String unsigned(String user, Instant expiry) {
		return part("{\"alg\":\"none\"}") + "." + part("{\"iss\":\"wslab-chat\",\"sub\":\"" + user
				+ "\",\"roles\":[\"USER\",\"ADMIN\"],\"exp\":" + expiry.getEpochSecond() + "}") + ".";
	}

	private static String part(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
