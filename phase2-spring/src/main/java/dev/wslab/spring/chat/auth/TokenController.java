package dev.wslab.spring.chat.auth;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/token} with {@code {"username","password"}} answers {@code {"token":
 * "<jwt>"}}, or 401 with {@code {"error"}}. A body that is not that JSON gets 400 from
 * Spring MVC before it reaches here.
 */
@RestController
class TokenController {

	private final DemoUsers users;

	private final JwtTokens tokens;

	TokenController(DemoUsers users, JwtTokens tokens) {
		this.users = users;
		this.tokens = tokens;
	}

	@PostMapping("/api/token")
	ResponseEntity<Map<String, String>> token(@RequestBody TokenRequest request) {
		return this.users.check(request.username(), request.password())
			.map((roles) -> ResponseEntity.ok(Map.of("token", this.tokens.issue(request.username(), roles))))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(Map.of("error", "wrong username or password")));
	}

	record TokenRequest(String username, String password) {
	}

}
