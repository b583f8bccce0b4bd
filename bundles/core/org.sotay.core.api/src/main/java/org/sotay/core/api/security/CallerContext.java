package org.sotay.core.api.security;

import java.util.concurrent.Callable;

/**
 * The caller of the request being served on this thread. Provided by the core REST bundle; a
 * service references it and asks {@link #current()} instead of taking a caller argument.
 */
@org.osgi.annotation.versioning.ProviderType
public interface CallerContext {
    /** The current caller, {@link Caller#ANONYMOUS} outside any request. */
    Caller current();

    /**
     * Runs {@code work} as {@code caller} on this thread (a shell command, a scheduled job, an
     * import worker), restoring the previous caller afterwards.
     */
    <T> T runAs(Caller caller, Callable<T> work) throws Exception;

    /** Where the current request came from; {@link ClientInfo#NONE} outside a request. */
    ClientInfo client();
}
