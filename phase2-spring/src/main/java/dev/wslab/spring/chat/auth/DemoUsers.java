package dev.wslab.spring.chat.auth;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The chat's demo users, with their passwords in the README: {@code alice} and
 * {@code bob} (role USER) and {@code admin} (roles USER and ADMIN). Passwords are stored
 * hashed, as anywhere else.
 */
@Component
public class DemoUsers {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final List<UserDetails> users = List.of(user("alice", "alice-pw", "USER"), user("bob", "bob-pw", "USER"),
			user("admin", "admin-pw", "USER", "ADMIN"));

	/**
	 * Checks a username and password.
	 * @param username the username
	 * @param password the password
	 * @return the user's roles (without {@code ROLE_}) if both match
	 */
	public Optional<List<String>> check(String username, String password) {
		return find(username).filter((user) -> password != null && this.encoder.matches(password, user.getPassword()))
			.map((user) -> user.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.map((authority) -> authority.substring("ROLE_".length()))
				.toList());
	}

	/**
	 * Returns whether a user of this name exists.
	 * @param username the name
	 * @return true if it does
	 */
	public boolean exists(String username) {
		return find(username).isPresent();
	}

	private Optional<UserDetails> find(String username) {
		return this.users.stream().filter((user) -> user.getUsername().equals(username)).findFirst();
	}

	private UserDetails user(String name, String password, String... roles) {
		return User.withUsername(name).password(this.encoder.encode(password)).roles(roles).build();
	}

}
