package com.wxlogin.javatest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator and the server that scripts/java-test.sh starts, reached over plain HTTP:
 * WeChat's user confirming in the app (the simulator's control API) and the server's dev
 * SMS outbox.
 */
final class Live {
    static final String SERVER_URL = env("WXLOGIN_TEST_SERVER_URL");
    static final String SIM_URL = env("WXLOGIN_TEST_SIM_URL");
    static final String APP_ID = env("WXLOGIN_TEST_APP_ID");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Live() {}

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set: run scripts/java-test.sh, which starts the simulator and server");
        }
        return value.replaceAll("/+$", "");
    }

    /** A WeChat user id no other test (or earlier run against the same server) used. */
    static String newUser(String label) {
        return "java-" + label + "-" + System.currentTimeMillis() + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    /** A mainland mobile number, random enough to be unused. */
    static String newMobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** The user confirms in the WeChat app: the code WeChat hands to the SDK. */
    static String authorize(String user) throws IOException, InterruptedException {
        String body = "{\"appid\":\"" + APP_ID + "\",\"user\":\"" + user + "\",\"scope\":\"snsapi_userinfo\"}";
        return field(call(HttpRequest.newBuilder(URI.create(SIM_URL + "/sim/authorize"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), "code");
    }

    /** The captcha the server's dev SMS sender last "sent" to mobile. */
    static String lastSms(String mobile) throws IOException, InterruptedException {
        String url = SERVER_URL + "/dev/sms?mobile=" + URLEncoder.encode(mobile, StandardCharsets.UTF_8);
        return field(call(HttpRequest.newBuilder(URI.create(url)).GET()), "captcha");
    }

    private static String call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().uri() + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return m.group(1);
    }
}
