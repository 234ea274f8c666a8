package com.wxlogin.sample

import android.app.Application
import android.content.Context
import com.wxlogin.android.WxLoginAndroid
import com.wxlogin.core.Platform
import com.wxlogin.core.WxLoginConfig
import com.wxlogin.core.WxLoginException

/**
 * One core and one [WxLoginAndroid] per process, created here so that they exist also
 * when the process is started by WeChat's callback (WXEntryActivity) after it was killed
 * while the user was in WeChat: the core reads the pending request back from the store.
 */
class SampleApp : Application() {
    /** Null only when the core refused the build's configuration; see [setupError]. */
    var wxLoginOrNull: WxLoginAndroid? = null
        private set

    /** Why the core could not be created (a bad AppID or server URL in gradle.properties). */
    var setupError: String? = null
        private set

    lateinit var consent: PrivacyConsent
        private set

    override fun onCreate() {
        super.onCreate()
        consent = PrivacyConsent(this)
        val config = WxLoginConfig(
            appId = BuildConfig.WECHAT_APP_ID,
            platform = Platform.ANDROID,
            serverUrl = BuildConfig.WXLOGIN_SERVER_URL,
        )
        // Over the config and the store (not over a ready core), so that a Storage error
        // carries the store's own exception as its cause.
        val wx = try {
            WxLoginAndroid(config, SharedPreferencesStore(this), hasPrivacyConsent = { consent.accepted })
        } catch (e: WxLoginException) {
            setupError = "The core refused its configuration (gradle.properties): ${ErrorText.describe(e)}"
            return
        }
        wxLoginOrNull = wx
        // Consent on record from an earlier start: register with WeChat now (also when the
        // process was started by WeChat's callback). Before consent nothing touches the SDK.
        if (consent.accepted) wx.registerAfterConsent(this)
    }

    /** For the screens after the consent screen, which checked [setupError]. */
    fun requireWxLogin(): WxLoginAndroid =
        wxLoginOrNull ?: throw IllegalStateException(setupError ?: "wxlogin is not set up")

    /** From the consent screen, when the user accepts the privacy policy. */
    fun onPrivacyAccepted() {
        consent.accepted = true
        wxLoginOrNull?.registerAfterConsent(this)
    }
}

/** The user's answer to the privacy policy, kept across starts. */
class PrivacyConsent(context: Context) {
    private val prefs = context.getSharedPreferences("wxlogin_sample", Context.MODE_PRIVATE)

    var accepted: Boolean
        get() = prefs.getBoolean(KEY, false)
        set(value) {
            prefs.edit().putBoolean(KEY, value).commit()
        }

    private companion object {
        const val KEY = "privacy_policy_accepted"
    }
}
