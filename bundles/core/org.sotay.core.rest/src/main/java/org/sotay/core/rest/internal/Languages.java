package org.sotay.core.rest.internal;

import java.util.List;
import java.util.Locale;

import javax.ws.rs.core.HttpHeaders;

/** Vietnamese first: English only when the client prefers it over Vietnamese. */
final class Languages {
    static final Locale VI = Locale.forLanguageTag("vi");

    private Languages() {
    }

    static Locale pick(HttpHeaders headers) {
        if (headers == null) {
            return VI;
        }
        try {
            List<Locale> wanted = headers.getAcceptableLanguages();
            for (Locale l : wanted) {
                if ("vi".equals(l.getLanguage())) {
                    return VI;
                }
                if ("en".equals(l.getLanguage())) {
                    return Locale.ENGLISH;
                }
            }
        } catch (RuntimeException ignored) {
            // a malformed Accept-Language is not worth failing a request: default language
        }
        return VI;
    }
}
