package org.hazardloop.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A client of the running application as people and programs reach it: anonymous, with HTTP Basic (the
 * application API and the engine REST API), or logged in to Tasklist (session cookie and the CSRF token from the
 * {@code XSRF-TOKEN} cookie, sent back as {@code X-XSRF-TOKEN}, as the web apps do).
 */
final class Client {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String basic;
    private final CookieManager cookies;
    private final HttpClient http;

    private Client(int port, String basic, CookieManager cookies) {
        this.port = port;
        this.basic = basic;
        this.cookies = cookies;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        this.http = (cookies == null ? builder : builder.cookieHandler(cookies)).build();
    }

    static Client anonymous(int port) {
        return new Client(port, null, null);
    }

    static Client basic(int port, String user, String password) {
        return new Client(port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), null);
    }

    /** Logged in to Tasklist through the web app's login, as the browser does. */
    static Client tasklist(int port, String user, String password) {
        Client browser = new Client(port, null, new CookieManager());
        browser.get("/camunda/api/engine/engine/"); // the first visit hands out a CSRF token
        Response login = browser.send(browser.request("/camunda/api/admin/auth/user/default/login/tasklist", true)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password))));
        if (login.status() != 200) {
            throw new IllegalStateException("Tasklist login of " + user + " failed: " + login);
        }
        // the login starts a new session, whose first read hands out its CSRF token
        browser.get("/camunda/api/engine/engine/default/filter?resourceType=Task");
        return browser;
    }

    Response get(String path) {
        return send(request(path, true).GET());
    }

    Response post(String path, Object body) {
        return send(request(path, true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    /** A state-changing request of the web apps without the CSRF token, as a forged cross-site request would be. */
    Response postWithoutCsrfToken(String path, Object body) {
        return send(request(path, false).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    Response put(String path, Object body) {
        return send(request(path, true).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    Response delete(String path) {
        return send(request(path, true).DELETE());
    }

    private HttpRequest.Builder request(String path, boolean withCsrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (basic != null) {
            request.header("Authorization", basic);
        }
        if (cookies != null && withCsrfToken) {
            cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .reduce((first, last) -> last)
                    .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
