package com.wxlogin.android

import android.content.Context
import com.tencent.mm.opensdk.constants.Build
import com.tencent.mm.opensdk.modelmsg.SendAuth
import com.tencent.mm.opensdk.openapi.IWXAPI
import com.tencent.mm.opensdk.openapi.WXAPIFactory
import com.wxlogin.core.AuthStart
import com.wxlogin.core.ButtonPolicy
import com.wxlogin.core.WechatAvailability
import com.wxlogin.core.WxLoginInterface

/** Thrown when the WeChat SDK would be touched before the user accepted the privacy policy. */
class PrivacyConsentRequiredException :
    IllegalStateException(
        "wxlogin: the WeChat SDK may only be created and registered after the user accepted " +
            "the privacy policy; hasPrivacyConsent() returned false",
    )

/** What [WxLoginAndroid.startLogin] did. After [Sent], wait with `core.awaitOutcome()`. */
sealed class LoginStart {
    /** `SendAuth.Req` went to WeChat with the core's scope and state. */
    object Sent : LoginStart()

    /** WeChat is not installed: guide the user to install it (the button stays visible). */
    object NotInstalled : LoginStart()

    /** WeChat is installed but older than [WxLoginAndroid.minSupportApi]: ask for an update. */
    object UpdateRequired : LoginStart()

    /**
     * `IWXAPI.sendReq` returned false (WeChat refused the request: app signature check,
     * WeChat being updated, a bad argument). The core's pending request was cancelled.
     */
    object SendReqFailed : LoginStart()
}

/**
 * The Android side of the core: owns the WeChat `IWXAPI` and turns its answers into the
 * core's inputs. Create one per process (in `Application`) over the app's [core].
 *
 * @param core the app's `WxLogin` (created once over its `SecureStore`).
 * @param appId the mobile app's AppID (`wx…`), the same as in `WxLoginConfig`.
 * @param hasPrivacyConsent the app's answer to "has the user accepted the privacy
 *   policy?". Until it returns true nothing here creates or registers the WeChat SDK.
 * @param minSupportApi the lowest `IWXAPI.getWXAppSupportAPI()` treated as able to log in.
 *   OpenSDK 6.8.34 has no `isWXAppSupportAPI()`; its `Build.MIN_SDK_INT` is the oldest
 *   WeChat it talks to at all.
 */
class WxLoginAndroid(
    val core: WxLoginInterface,
    val appId: String,
    private val hasPrivacyConsent: () -> Boolean,
    val minSupportApi: Int = Build.MIN_SDK_INT,
    private val apiFactory: (Context, String) -> IWXAPI = { context, id ->
        WXAPIFactory.createWXAPI(context, id, true)
    },
) {
    @Volatile
    private var api: IWXAPI? = null

    @Volatile
    private var registered = false

    /** Hands `WXEntryActivity.onResp` to the core; see [WeChatResponseHandler]. */
    val responseHandler = WeChatResponseHandler(core)

    /** The registered `IWXAPI`, or null before [registerAfterConsent]. */
    val wxApi: IWXAPI? get() = api

    /**
     * Creates the `IWXAPI` (signature check on) and calls `registerApp(appId)`. Call it
     * once the user accepted the privacy policy, and on every later start where the
     * consent is on record (`Application.onCreate`). Throws
     * [PrivacyConsentRequiredException] before that.
     */
    fun registerAfterConsent(context: Context): IWXAPI {
        requireConsent()
        api?.let { return it }
        return attach(apiFactory(context.applicationContext ?: context, appId))
    }

    /** [registerAfterConsent] with an `IWXAPI` created elsewhere (tests, custom factories). */
    @Synchronized
    internal fun attach(created: IWXAPI): IWXAPI {
        requireConsent()
        api?.let { return it }
        // registerApp returns false while WeChat is missing; startLogin retries it.
        registered = created.registerApp(appId)
        api = created
        return created
    }

    /** The core's answer for the WeChat button (on Android never `HIDE`). */
    fun buttonPolicy(): ButtonPolicy = core.buttonPolicy(availability(requireApi()))

    /**
     * What the SDK says about WeChat on this device: `isWXAppInstalled()`, then
     * `getWXAppSupportAPI()` against [minSupportApi].
     */
    fun availability(api: IWXAPI): WechatAvailability = when {
        !api.isWXAppInstalled() -> WechatAvailability.NOT_INSTALLED
        api.getWXAppSupportAPI() < minSupportApi -> WechatAvailability.OUTDATED
        else -> WechatAvailability.READY
    }

    /**
     * The tap on the WeChat button: asks the core for a request and sends it. Throws what
     * `beginAuth` throws (`WxLoginException`, e.g. a locked secure store).
     */
    fun startLogin(): LoginStart {
        val api = requireApi()
        return when (val start = core.beginAuth(availability(api))) {
            AuthStart.NotInstalled -> LoginStart.NotInstalled
            AuthStart.UpdateRequired -> LoginStart.UpdateRequired
            is AuthStart.Request -> {
                if (!registered) registered = api.registerApp(appId) // WeChat installed since
                val req = SendAuth.Req()
                req.scope = start.scope
                req.state = start.state
                if (api.sendReq(req)) {
                    LoginStart.Sent
                } else {
                    core.cancelAuth() // nothing will call back: the UI must not wait
                    LoginStart.SendReqFailed
                }
            }
        }
    }

    /** Call from `onResume` of the screen that started the login (resume without a callback). */
    fun onAppForeground() = core.onAppForeground()

    /**
     * The `IWXAPI` for `WXEntryActivity` to `handleIntent` with: the registered one, or,
     * in a process restarted by the callback, a new registration if consent is on record.
     */
    fun apiForCallback(context: Context): IWXAPI? =
        api ?: if (hasPrivacyConsent()) registerAfterConsent(context) else null

    private fun requireConsent() {
        if (!hasPrivacyConsent()) throw PrivacyConsentRequiredException()
    }

    private fun requireApi(): IWXAPI =
        api ?: throw IllegalStateException(
            "wxlogin: call registerAfterConsent(context) after the privacy consent, before using WeChat",
        )
}
