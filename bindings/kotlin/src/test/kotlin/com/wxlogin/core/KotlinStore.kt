package com.wxlogin.core

import java.util.concurrent.ConcurrentHashMap

/**
 * A store written in Kotlin, as an app writes one over EncryptedSharedPreferences or the
 * Keystore. Shared between two WxLogin instances it plays the device storage that
 * survives the app process being killed.
 */
class KotlinStore : SecureStore {
    val values = ConcurrentHashMap<String, String>()

    override fun get(key: String): String? = values[key]

    override fun set(key: String, value: String) {
        values[key] = value
    }

    override fun delete(key: String) {
        values.remove(key)
    }
}

/** A keystore that is locked: every call throws, as Android's does before first unlock. */
class LockedStore : SecureStore {
    override fun get(key: String): String? = throw IllegalStateException("keystore locked")

    override fun set(key: String, value: String) = throw IllegalStateException("keystore locked")

    override fun delete(key: String) = throw IllegalStateException("keystore locked")
}

const val APP_ID = "wx0123456789abcdef"

fun newCore(
    store: SecureStore = KotlinStore(),
    ttlMs: Long = 600_000L,
    graceMs: Long = 50L,
    platform: Platform = Platform.ANDROID,
): WxLogin = WxLogin(WxLoginConfig(APP_ID, platform, ttlMs, graceMs), store)

/** Starts an app authorization and returns its state, failing the test otherwise. */
fun WxLogin.begin(): String {
    val start = beginAuth(WechatAvailability.READY)
    check(start is AuthStart.Request) { "expected a request, got $start" }
    check(start.scope == "snsapi_userinfo")
    return start.state
}
