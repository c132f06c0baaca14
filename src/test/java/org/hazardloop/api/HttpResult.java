package org.hazardloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** A response as a client sees it: status, headers and the body, parsed as JSON on demand. */
record HttpResult(int status, HttpHeaders headers, String body, ObjectMapper mapper) {

    JsonNode json() {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The fields a 400 problem names in its {@code errors} array. */
    List<String> errorFields() {
        List<String> fields = new ArrayList<>();
        json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
