package dev.wslab.spring.chat.auth;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * Exercise 2.7: authenticates a STOMP CONNECT from its {@code Authorization: Bearer}
 * header.
 *
 * <p>
 * The user set on the CONNECT is remembered for the whole WebSocket session: Spring
 * attaches it to every later frame, where Spring Security's rules read it. An exception
 * thrown here reaches the client as an ERROR frame, and the connection ends.
 */
public class JwtConnectInterceptor implements ChannelInterceptor {

	private static final String BEARER = "Bearer ";

	private final JwtTokens tokens;

	/**
	 * Creates the interceptor.
	 * @param tokens checks the tokens
	 */
	public JwtConnectInterceptor(JwtTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() != StompCommand.CONNECT) {
			return message;
		}
		String header = accessor.getFirstNativeHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw new BadCredentialsException("CONNECT needs an 'Authorization: Bearer <token>' header");
		}
		accessor.setUser(this.tokens.authenticate(header.substring(BEARER.length()).strip()));
		return message;
	}

}
