package dev.wslab.spring.chat.auth;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

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
		// TODO(2.7): for a CONNECT only (StompHeaderAccessor via
		// MessageHeaderAccessor.getAccessor), read the Authorization native header;
		// without
		// "Bearer <token>" throw BadCredentialsException("CONNECT needs an
		// 'Authorization:
		// Bearer <token>' header"); otherwise setUser(tokens.authenticate(token)).
		throw new UnsupportedOperationException("TODO(2.7): authenticate CONNECT in JwtConnectInterceptor.preSend");
	}

}
