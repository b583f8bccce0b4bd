package org.sotay.core.rest.internal;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;

/** The headers of a request in a filter, seen as {@link HttpHeaders}. */
final class RequestHeaders implements HttpHeaders {
    private final ContainerRequestContext ctx;

    RequestHeaders(ContainerRequestContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<String> getRequestHeader(String name) {
        return ctx.getHeaders().get(name);
    }

    @Override
    public String getHeaderString(String name) {
        return ctx.getHeaderString(name);
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
        return ctx.getHeaders();
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return ctx.getAcceptableMediaTypes();
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return ctx.getAcceptableLanguages();
    }

    @Override
    public MediaType getMediaType() {
        return ctx.getMediaType();
    }

    @Override
    public Locale getLanguage() {
        return ctx.getLanguage();
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return ctx.getCookies();
    }

    @Override
    public Date getDate() {
        return ctx.getDate();
    }

    @Override
    public int getLength() {
        return ctx.getLength();
    }
}
