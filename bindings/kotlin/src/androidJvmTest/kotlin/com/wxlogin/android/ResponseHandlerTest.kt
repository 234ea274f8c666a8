package com.wxlogin.android

import com.tencent.mm.opensdk.modelbase.BaseResp
import com.tencent.mm.opensdk.modelmsg.SendAuth
import com.tencent.mm.opensdk.modelmsg.SendMessageToWX
import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.AuthStart
import com.wxlogin.core.Platform
import com.wxlogin.core.SecureStore
import com.wxlogin.core.WechatAvailability
import com.wxlogin.core.WxLogin
import com.wxlogin.core.WxLoginConfig
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.util.concurrent.ConcurrentHashMap

/** An in-memory SecureStore, as an app writes one over the Keystore. */
class MemoryStore : SecureStore {
    private val values = ConcurrentHashMap<String, String>()

    override fun get(key: String): String? = values[key]

    override fun set(key: String, value: String) {
        values[key] = value
    }

    override fun delete(key: String) {
        values.remove(key)
    }
}

const val APP_ID = "wx0123456789abcdef"

fun newCore(): WxLogin = WxLogin(WxLoginConfig(appId = APP_ID, platform = Platform.ANDROID), MemoryStore())

fun WxLogin.begin(): String {
    val start = beginAuth(WechatAvailability.READY)
    check(start is AuthStart.Request) { "expected a request, got $start" }
    return start.state
}

/** A real SendAuth.Resp of the WeChat SDK, filled in as handleIntent fills it from WeChat's intent. */
fun authResp(errCode: Int, code: String?, state: String?): SendAuth.Resp =
    SendAuth.Resp().also {
        it.errCode = errCode
        it.code = code
        it.state = state
    }

/**
 * WeChatResponseHandler over the real core (through the generated bindings and JNA) with the
 * WeChat OpenSDK's own response classes: what WXEntryActivity.onResp does on a phone.
 */
class ResponseHandlerTest {
    @Test
    fun errCodeOkWithThePendingStateYieldsTheCode() {
        val core = newCore()
        val handler = WeChatResponseHandler(core)
        val state = core.begin()
        assertEquals(AuthOutcome.Authorized("081AbC"), handler.handle(authResp(BaseResp.ErrCode.ERR_OK, "081AbC", state)))
        assertFalse(core.isAuthPending())
    }

    @Test
    fun everySdkErrCodeHasItsOutcome() {
        // The SDK's own constants: if Tencent ever renumbered them, this fails.
        val expected = mapOf(
            BaseResp.ErrCode.ERR_COMM to AuthOutcome.Failed,
            BaseResp.ErrCode.ERR_USER_CANCEL to AuthOutcome.Cancelled,
            BaseResp.ErrCode.ERR_SENT_FAILED to AuthOutcome.SendFailed,
            BaseResp.ErrCode.ERR_AUTH_DENIED to AuthOutcome.Denied,
            BaseResp.ErrCode.ERR_UNSUPPORT to AuthOutcome.Unsupported,
            BaseResp.ErrCode.ERR_BAN to AuthOutcome.SignatureMismatch,
            -7 to AuthOutcome.UnknownErrCode(-7),
            42 to AuthOutcome.UnknownErrCode(42),
        )
        assertEquals(listOf(-1, -2, -3, -4, -5, -6), expected.keys.take(6))
        for ((errCode, outcome) in expected) {
            val core = newCore()
            val handler = WeChatResponseHandler(core)
            val state = core.begin()
            // WeChat leaves code null on failures; a stray code must not turn into a login either.
            assertEquals("errCode $errCode", outcome, handler.handle(authResp(errCode, null, state)))
            assertFalse("errCode $errCode resolves the request", core.isAuthPending())
            assertEquals("errCode $errCode twice", AuthOutcome.Duplicate, handler.handle(authResp(errCode, null, state)))
            assertEquals(AuthOutcome.Replayed, handler.handle(authResp(0, "LATE", state)))
        }
    }

    @Test
    fun aWrongStateIsRejectedAndTheRequestStaysOpen() {
        val core = newCore()
        val handler = WeChatResponseHandler(core)
        val state = core.begin()
        assertEquals(AuthOutcome.StateMismatch, handler.handle(authResp(0, "EVIL", state.reversed())))
        assertEquals(AuthOutcome.StateMismatch, handler.handle(authResp(0, "EVIL", "state")))
        assertEquals(AuthOutcome.StateMissing, handler.handle(authResp(0, "EVIL", null)))
        assertTrue(core.isAuthPending())
        assertEquals(AuthOutcome.Authorized("REAL"), handler.handle(authResp(0, "REAL", state)))
    }

    @Test
    fun aLoneSurrogateFromTheSdkIsATypedOutcomeNotAnException() {
        val core = newCore()
        val handler = WeChatResponseHandler(core)
        val state = core.begin()
        assertEquals(AuthOutcome.StateMismatch, handler.handle(authResp(0, "EVIL", state + "\uD800")))
        assertTrue(core.isAuthPending())
        assertEquals(AuthOutcome.MissingCode, handler.handle(authResp(0, "\uDC00", state)))
    }

    @Test
    fun aDuplicateDeliveryIsRecognisedAndAnotherCodeIsAReplay() {
        val core = newCore()
        val handler = WeChatResponseHandler(core)
        val state = core.begin()
        val resp = authResp(0, "CODE1", state)
        assertEquals(AuthOutcome.Authorized("CODE1"), handler.handle(resp))
        assertEquals(AuthOutcome.Duplicate, handler.handle(resp)) // the same object delivered again
        assertEquals(AuthOutcome.Duplicate, handler.handle(authResp(0, "CODE1", state)))
        assertEquals(AuthOutcome.Replayed, handler.handle(authResp(0, "CODE2", state)))
    }

    @Test
    fun okWithoutACodeIsNotALogin() {
        val core = newCore()
        val state = core.begin()
        assertEquals(AuthOutcome.MissingCode, WeChatResponseHandler(core).handle(authResp(0, null, state)))
    }

    @Test
    fun aResponseWithoutAPendingRequest() {
        val core = newCore()
        assertEquals(AuthOutcome.NoPendingRequest, WeChatResponseHandler(core).handle(authResp(0, "CODE", "anything")))
    }

    @Test
    fun nonAuthResponsesAreIgnored() {
        val core = newCore()
        val handler = WeChatResponseHandler(core)
        val state = core.begin()
        val share = SendMessageToWX.Resp().also { it.errCode = BaseResp.ErrCode.ERR_OK }
        assertNull(handler.handle(share))
        val cancelledShare = SendMessageToWX.Resp().also { it.errCode = BaseResp.ErrCode.ERR_USER_CANCEL }
        assertNull(handler.handle(cancelledShare))
        assertTrue("a share response leaves the login pending", core.isAuthPending())
        assertEquals(AuthOutcome.Authorized("C"), handler.handle(authResp(0, "C", state)))
    }
}
