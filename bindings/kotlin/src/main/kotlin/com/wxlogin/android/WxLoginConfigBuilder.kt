package com.wxlogin.android

import com.wxlogin.core.Platform
import com.wxlogin.core.WxLoginConfig

/**
 * Builds a [WxLoginConfig] from Java, where the generated constructor has no default
 * arguments: `new WxLoginConfigBuilder(appId).serverUrl(url).build()`. A setting left
 * alone keeps the core's default (read from the generated constructor, not repeated here).
 */
class WxLoginConfigBuilder(private val appId: String) {
    private var platform: Platform = Platform.ANDROID
    private var serverUrl: String? = null
    private var stateTtlMs: Long? = null
    private var gracePeriodMs: Long? = null
    private var requestTimeoutMs: Long? = null

    /** Default [Platform.ANDROID]. */
    fun platform(platform: Platform) = apply { this.platform = platform }

    /** The app's server (https; http only for a loopback host). Default: none. */
    fun serverUrl(serverUrl: String?) = apply { this.serverUrl = serverUrl }

    fun stateTtlMs(ms: Long) = apply { stateTtlMs = ms }

    fun gracePeriodMs(ms: Long) = apply { gracePeriodMs = ms }

    fun requestTimeoutMs(ms: Long) = apply { requestTimeoutMs = ms }

    /** The config; the core checks the values when a `WxLogin` is created over it. */
    fun build(): WxLoginConfig {
        val defaults = WxLoginConfig(appId, platform)
        return WxLoginConfig(
            appId = appId,
            platform = platform,
            stateTtlMs = stateTtlMs ?: defaults.stateTtlMs,
            gracePeriodMs = gracePeriodMs ?: defaults.gracePeriodMs,
            serverUrl = serverUrl,
            requestTimeoutMs = requestTimeoutMs ?: defaults.requestTimeoutMs,
        )
    }
}
