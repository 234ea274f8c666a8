package com.wxlogin.javatest;

import com.wxlogin.core.SecureStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A SecureStore written in Java, as an app writes one over the Android Keystore. */
final class JavaStore implements SecureStore {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    public void set(String key, String value) {
        values.put(key, value);
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    /** A locked keystore: every call throws, as Android's does before the first unlock. */
    static final class Locked implements SecureStore {
        final IllegalStateException failure = new IllegalStateException("keystore locked");

        @Override
        public String get(String key) {
            throw failure;
        }

        @Override
        public void set(String key, String value) {
            throw failure;
        }

        @Override
        public void delete(String key) {
            throw failure;
        }
    }
}
