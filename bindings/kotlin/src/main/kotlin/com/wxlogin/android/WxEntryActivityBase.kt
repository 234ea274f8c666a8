package com.wxlogin.android

import android.app.Activity
import android.content.Intent
import android.os.Bundle
import android.util.Log
import com.tencent.mm.opensdk.modelbase.BaseReq
import com.tencent.mm.opensdk.modelbase.BaseResp
import com.tencent.mm.opensdk.openapi.IWXAPIEventHandler
import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.WxLoginException

/**
 * The base of the app's `<applicationId>.wxapi.WXEntryActivity`:
 *
 * ```kotlin
 * class WXEntryActivity : WxEntryActivityBase() {
 *     override val wxLogin get() = (application as App).wxLogin
 * }
 * ```
 *
 * It hands the intent to the SDK, the response to the core, and finishes: the screen that
 * started the login gets the outcome from `core.awaitOutcome()` / `completeWechatLogin()`.
 */
abstract class WxEntryActivityBase : Activity(), IWXAPIEventHandler {
    /** The process's [WxLoginAndroid] (usually held by the `Application`). */
    protected abstract val wxLogin: WxLoginAndroid

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        handle(intent)
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        handle(intent)
    }

    private fun handle(intent: Intent?) {
        val api = wxLogin.apiForCallback(this)
        // Not from WeChat, or no consent on record: nothing to deliver.
        if (api == null || intent == null || !api.handleIntent(intent, this)) finish()
    }

    /** WeChat launching the app (`LaunchFromWX`, `ShowMessageFromWX`): not a login. */
    override fun onReq(req: BaseReq) {
        finish()
    }

    /**
     * Never lets anything out: an exception here would crash the app in front of the user
     * on the way back from WeChat. The handler already turns every failure of the core
     * into a `WxLoginException`; anything else (a bug in [onAuthOutcome], an `Error`) is
     * logged as one too.
     */
    override fun onResp(resp: BaseResp) {
        try {
            onAuthOutcome(wxLogin.responseHandler.handle(resp))
        } catch (e: WxLoginException) {
            reportError(e)
        } catch (e: Throwable) {
            reportError(WxLoginException.Internal("onResp: ${e.javaClass.name}: ${e.message}").also { it.initCause(e) })
        } finally {
            finish()
        }
    }

    private fun reportError(error: WxLoginException) {
        try {
            onAuthError(error)
        } catch (e: Throwable) {
            Log.w(TAG, "onAuthError failed", e)
        }
    }

    /** The outcome of a `SendAuth.Resp`, null for other responses. Optional: for logging. */
    protected open fun onAuthOutcome(outcome: AuthOutcome?) {}

    /** The core could not take the response (e.g. the secure store is locked). */
    protected open fun onAuthError(error: WxLoginException) {
        Log.w(TAG, "onAuthResp failed", error)
    }

    private companion object {
        const val TAG = "wxlogin"
    }
}
