package dev.wslab.production.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Says which instance answered, so that a person (and a test) can see where Nginx sent
 * them: {@code GET /api/instance} answers {@code {"instance":"chat-1"}}, with the
 * {@code X-Forwarded-For} a proxy added as {@code forwardedFor}.
 */
@RestController
class InstanceController {

	private final String instance;

	InstanceController(@Value("${wslab.cluster.instance}") String instance) {
		this.instance = instance;
	}

	@GetMapping("/api/instance")
	Instance instance(@RequestHeader(name = "X-Forwarded-For", required = false) String forwardedFor) {
		return new Instance(this.instance, forwardedFor);
	}

	/**
	 * The answer.
	 *
	 * @param instance this instance's name
	 * @param forwardedFor the {@code X-Forwarded-For} header a proxy added, or null when
	 * the request came straight to the instance
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Instance(String instance, String forwardedFor) {
	}

}
