package com.wxlogin.android

import android.content.Context
import com.tencent.mm.opensdk.constants.Build
import com.tencent.mm.opensdk.modelmsg.SendAuth
import com.tencent.mm.opensdk.openapi.IWXAPI
import com.tencent.mm.opensdk.openapi.WXAPIFactory
import com.wxlogin.core.Account
import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.AuthStart
import com.wxlogin.core.ButtonPolicy
import com.wxlogin.core.CaptchaPurpose
import com.wxlogin.core.CaptchaSent
import com.wxlogin.core.FlowObserver
import com.wxlogin.core.FlowState
import com.wxlogin.core.LoginResult
import com.wxlogin.core.SecureStore
import com.wxlogin.core.WechatAvailability
import com.wxlogin.core.WxLogin
import com.wxlogin.core.WxLoginConfig
import com.wxlogin.core.WxLoginException
import com.wxlogin.core.WxLoginInterface
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.Executor

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
 * The Android side of the core: owns the WeChat `IWXAPI`, turns its answers into the
 * core's inputs, and gives every `suspend` call of the core twice: as a `suspend` function
 * for Kotlin and, for Java, with a [WxLoginCallback] and a [Cancellable]. Create one per
 * process (in `Application`).
 *
 * It registers itself as the core's flow observer (`setFlowObserver`): follow the flow
 * through [flowState] or [addFlowStateListener], not through the core.
 *
 * @param core the app's `WxLogin` (created once over its `SecureStore`). The constructor
 *   that takes the config and the store instead creates it, and then a `Storage` error
 *   carries the store's own exception as `cause`.
 * @param appId the mobile app's AppID (`wx…`), the same as in `WxLoginConfig`.
 * @param hasPrivacyConsent the app's answer to "has the user accepted the privacy
 *   policy?". Until it returns true nothing here creates or registers the WeChat SDK.
 * @param minSupportApi the lowest `IWXAPI.getWXAppSupportAPI()` treated as able to log in.
 *   OpenSDK 6.8.34 has no `isWXAppSupportAPI()`; its `Build.MIN_SDK_INT` is the oldest
 *   WeChat it talks to at all.
 * @param callbackExecutor where Java callbacks and flow listeners run; default the main
 *   thread.
 */
class WxLoginAndroid private constructor(
    val core: WxLoginInterface,
    val appId: String,
    private val hasPrivacyConsent: () -> Boolean,
    val minSupportApi: Int,
    private val callbackExecutor: Executor,
    private val store: CauseKeepingStore?,
) {
    @JvmOverloads
    constructor(
        core: WxLoginInterface,
        appId: String,
        hasPrivacyConsent: () -> Boolean,
        minSupportApi: Int = Build.MIN_SDK_INT,
        callbackExecutor: Executor = MainThreadExecutor,
    ) : this(core, appId, hasPrivacyConsent, minSupportApi, callbackExecutor, null)

    /** Creates the core over [store]; throws `InvalidConfig` for a config the core refuses. */
    @JvmOverloads
    @Throws(WxLoginException::class)
    constructor(
        config: WxLoginConfig,
        store: SecureStore,
        hasPrivacyConsent: () -> Boolean,
        minSupportApi: Int = Build.MIN_SDK_INT,
        callbackExecutor: Executor = MainThreadExecutor,
    ) : this(CauseKeepingStore(store), config, hasPrivacyConsent, minSupportApi, callbackExecutor)

    private constructor(
        store: CauseKeepingStore,
        config: WxLoginConfig,
        hasPrivacyConsent: () -> Boolean,
        minSupportApi: Int,
        callbackExecutor: Executor,
    ) : this(WxLogin(config, store), config.appId, hasPrivacyConsent, minSupportApi, callbackExecutor, store)

    private val callbacks = CallbackRunner(callbackExecutor)
    private val flowStates = MutableStateFlow(core.flowState())
    private val flowListeners = CopyOnWriteArrayList<FlowStateListener>()

    /** The login flow as the core reports it; a recreated screen reads it again. */
    val flowState: StateFlow<FlowState> = flowStates.asStateFlow()

    init {
        core.setFlowObserver(
            object : FlowObserver {
                override fun onFlowState(state: FlowState) {
                    flowStates.value = state
                    for (listener in flowListeners) deliver(listener, state)
                }
            },
        )
    }

    /** Java's [flowState]: [listener] is told the current state at once, then every change. */
    fun addFlowStateListener(listener: FlowStateListener) {
        flowListeners.addIfAbsent(listener)
        deliver(listener, flowStates.value)
    }

    fun removeFlowStateListener(listener: FlowStateListener) {
        flowListeners.remove(listener)
    }

    private fun deliver(listener: FlowStateListener, state: FlowState) {
        callbackExecutor.execute { if (listener in flowListeners) listener.onFlowState(state) }
    }

    @Volatile
    private var api: IWXAPI? = null

    @Volatile
    private var registered = false

    /** Hands `WXEntryActivity.onResp` to the core; see [WeChatResponseHandler]. */
    val responseHandler = WeChatResponseHandler(core, ::storeCause)

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
        return attach(WXAPIFactory.createWXAPI(context.applicationContext ?: context, appId, true))
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
    @Throws(WxLoginException::class)
    fun startLogin(): LoginStart {
        val api = requireApi()
        return when (val start = sync { core.beginAuth(availability(api)) }) {
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
                    sync { core.cancelAuth() } // nothing will call back: the UI must not wait
                    LoginStart.SendReqFailed
                }
            }
        }
    }

    /** Call from `onResume` of the screen that started the login (resume without a callback). */
    fun onAppForeground() = core.onAppForeground()


    // The core's `suspend` calls. Kotlin calls the `suspend` forms (hidden from Java);
    // Java calls the same name with a WxLoginCallback, and may cancel through the handle.
    // Both report errors as WxLoginException only, a Storage one with the store's cause.

    /** The outcome of the pending request (see `WxLogin.awaitOutcome`). */
    @JvmSynthetic
    suspend fun awaitOutcome(): AuthOutcome = call { core.awaitOutcome() }

    fun awaitOutcome(callback: WxLoginCallback<AuthOutcome>): Cancellable = callbacks.run(callback) { awaitOutcome() }

    /** The whole WeChat login after `LoginStart.Sent` (see `WxLogin.completeWechatLogin`). */
    @JvmSynthetic
    suspend fun completeWechatLogin(): LoginResult = call { core.completeWechatLogin() }

    fun completeWechatLogin(callback: WxLoginCallback<LoginResult>): Cancellable = callbacks.run(callback) { completeWechatLogin() }

    /** Logs in with the code of an `Authorized` outcome; the code is sent at most once. */
    @JvmSynthetic
    suspend fun loginWithCode(code: String): LoginResult = call { core.loginWithCode(code) }

    fun loginWithCode(code: String, callback: WxLoginCallback<LoginResult>): Cancellable = callbacks.run(callback) { loginWithCode(code) }

    /** Sends an SMS captcha to [mobile]. */
    @JvmSynthetic
    suspend fun requestCaptcha(mobile: String, purpose: CaptchaPurpose): CaptchaSent = call { core.requestCaptcha(mobile, purpose) }

    fun requestCaptcha(mobile: String, purpose: CaptchaPurpose, callback: WxLoginCallback<CaptchaSent>): Cancellable = callbacks.run(callback) { requestCaptcha(mobile, purpose) }

    /** The phone binding after `NeedsPhone`, which signs in. */
    @JvmSynthetic
    suspend fun bindPhone(bindTicket: String, mobile: String, captcha: String): Account = call { core.bindPhone(bindTicket, mobile, captcha) }

    fun bindPhone(bindTicket: String, mobile: String, captcha: String, callback: WxLoginCallback<Account>): Cancellable = callbacks.run(callback) { bindPhone(bindTicket, mobile, captcha) }

    /** Phone + captcha login (an unknown phone is registered). */
    @JvmSynthetic
    suspend fun loginWithPhone(mobile: String, captcha: String): Account = call { core.loginWithPhone(mobile, captcha) }

    fun loginWithPhone(mobile: String, captcha: String, callback: WxLoginCallback<Account>): Cancellable = callbacks.run(callback) { loginWithPhone(mobile, captcha) }

    /** Account + password login. */
    @JvmSynthetic
    suspend fun loginWithPassword(account: String, password: String): Account = call { core.loginWithPassword(account, password) }

    fun loginWithPassword(account: String, password: String, callback: WxLoginCallback<Account>): Cancellable = callbacks.run(callback) { loginWithPassword(account, password) }

    /** Binds the WeChat of an `Authorized` code to the signed-in account. */
    @JvmSynthetic
    suspend fun bindWechat(code: String): Account = call { core.bindWechat(code) }

    fun bindWechat(code: String, callback: WxLoginCallback<Account>): Cancellable = callbacks.run(callback) { bindWechat(code) }

    /** Binds a phone to the signed-in account. */
    @JvmSynthetic
    suspend fun bindPhoneToAccount(mobile: String, captcha: String): Account = call { core.bindPhoneToAccount(mobile, captcha) }

    fun bindPhoneToAccount(mobile: String, captcha: String, callback: WxLoginCallback<Account>): Cancellable = callbacks.run(callback) { bindPhoneToAccount(mobile, captcha) }

    /** The signed-in account, fresh from the server. */
    @JvmSynthetic
    suspend fun fetchAccount(): Account = call { core.fetchAccount() }

    fun fetchAccount(callback: WxLoginCallback<Account>): Cancellable = callbacks.run(callback) { fetchAccount() }

    /** The repeat login at start-up: the server re-checks the session and rotates it. */
    @JvmSynthetic
    suspend fun resumeSession(): Account = call { core.resumeSession() }

    fun resumeSession(callback: WxLoginCallback<Account>): Cancellable = callbacks.run(callback) { resumeSession() }

    /** Signs out (the local session is gone whatever happens). */
    @JvmSynthetic
    suspend fun logout(): Void? = call { core.logout().let { null } }

    fun logout(callback: WxLoginCallback<Void?>): Cancellable = callbacks.run(callback) { logout() }

    /** Any failure of a core call as the core's typed error, a `Storage` one with its cause. */
    private suspend fun <T> call(block: suspend () -> T): T = try {
        block()
    } catch (e: CancellationException) {
        throw e
    } catch (e: Exception) {
        throw storeCause(typed(e))
    }

    /** [call] for the core's blocking functions. */
    private inline fun <T> sync(block: () -> T): T = try {
        block()
    } catch (e: Exception) {
        throw storeCause(typed(e))
    }

    private fun storeCause(error: WxLoginException): WxLoginException {
        if (error is WxLoginException.Storage) store?.attachCause(error)
        return error
    }

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
