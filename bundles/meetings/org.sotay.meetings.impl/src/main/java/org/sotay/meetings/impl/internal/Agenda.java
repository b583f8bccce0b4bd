package org.sotay.meetings.impl.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;

/** The small JSON documents this module keeps in a column (an agenda, minutes content, a batch's answer). */
final class Agenda {
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    /** An agenda item as stored. */
    record Item(String id, String title, List<String> documentIds) {
        Item {
            documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        }
    }

    private Agenda() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    static List<Item> items(String json) {
        return json == null || json.isBlank() ? new ArrayList<>() : read(json, new TypeReference<List<Item>>() {
        });
    }

    /** Every document id of an agenda, in order, once each. */
    static List<String> documentIds(List<Item> items) {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            for (String d : i.documentIds()) {
                if (!out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }
}
