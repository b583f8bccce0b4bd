package org.sotay.core.api.security;

/**
 * Where the request being served came from: its id (also in the {@code X-Request-Id} header and in
 * every log line), the client's address (the proxy's forwarded address when the proxy is trusted)
 * and user agent. {@link #NONE} outside a request (shell commands, jobs).
 */
public record ClientInfo(String requestId, String address, String userAgent) {
    public static final ClientInfo NONE = new ClientInfo(null, null, null);
}
