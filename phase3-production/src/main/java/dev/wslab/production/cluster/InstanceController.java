package dev.wslab.production.cluster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Says which instance answered, so that a person (and a test) can see where Nginx sent
 * them: {@code GET /api/instance} answers {@code {"instance":"chat-1"}}.
 */
@RestController
class InstanceController {

	private final String instance;

	InstanceController(@Value("${wslab.cluster.instance}") String instance) {
		this.instance = instance;
	}

	@GetMapping("/api/instance")
	Instance instance() {
		return new Instance(this.instance);
	}

	record Instance(String instance) {
	}

}
