package dev.wslab.kit.nginx;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NginxConfigTests {

	@Test
	void writesOneServerLinePerPortWithTheParametersAfterTheName() {
		NginxConfig config = new NginxConfig("""
				upstream drill {
				    {{upstream first}}
				    {{upstream spare backup max_fails=1}}
				}
				server { listen {{listen}}; }
				""", Map.of()).upstream("first", 8181).upstream("spare", 8182, 8183);

		assertThat(config.render("127.0.0.1:8080", "10.0.0.2")).isEqualTo("""
				upstream drill {
				    server 10.0.0.2:8181;
				    server 10.0.0.2:8182 backup max_fails=1; server 10.0.0.2:8183 backup max_fails=1;
				}
				server { listen 127.0.0.1:8080; }
				""");
	}

	@Test
	void namesTheUpstreamThatWasGivenNoPorts() {
		NginxConfig config = new NginxConfig("upstream a { {{upstream spare backup}} }", Map.of());

		assertThatIllegalStateException().isThrownBy(() -> config.render("127.0.0.1:8080", "127.0.0.1"))
			.withMessageContaining("{{upstream spare}}");
	}

}
