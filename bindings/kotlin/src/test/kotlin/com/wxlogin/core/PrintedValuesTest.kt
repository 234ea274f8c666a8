package com.wxlogin.core

import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/**
 * What `Log.d(TAG, "$value")` prints: the generated classes' `toString()` is the core's
 * Rust `Debug`, which redacts. No code, state, bind ticket, phone number, openid or
 * unionid may appear in it; the values stay readable through their fields; every
 * exception says what happened.
 */
class PrintedValuesTest {
    private val code = "081SecretCodeAbC"
    private val state = "StateValue0123456789abcdefABCDEF"
    private val ticket = "bt_SecretTicket42"
    private val mobile = "13812345678"
    private val openId = "oOpenId_secret_1"
    private val unionId = "oUnionId_secret_2"

    private val account = Account(
        id = 7L,
        mobile = mobile,
        account = null,
        isBindWechat = true,
        wechatName = "小明",
        wechatAvatarUrl = "https://api.example/avatars/a1",
        wechatOpenId = openId,
        wechatUnionId = unionId,
        isBindAvatar = true,
    )
    private val profile = WechatProfile("小明", null)

    private fun assertNoSecret(value: Any) {
        val printed = value.toString()
        for (secret in listOf(code, state, ticket, mobile, openId, unionId)) {
            assertFalse("${value::class.simpleName} prints a secret: $printed", printed.contains(secret))
        }
    }

    @Test
    fun valuesBuiltByTheAppPrintRedacted() {
        val values = listOf(
            AuthOutcome.Authorized(code),
            AuthStart.Request("snsapi_userinfo", state),
            LoginResult.NeedsPhone(ticket, profile, 600),
            LoginResult.SignedIn(account),
            LoginResult.NotAuthorized(AuthOutcome.Authorized(code)),
            account,
            WebAuthRequest("https://open.weixin.qq.com/connect/qrconnect?state=$state", state),
            FlowState.SignedIn(account),
            FlowState.NeedsPhone(profile, ticket, 1_800_000_000_000L),
        )
        values.forEach(::assertNoSecret)
        // Redacted in print, there on purpose.
        assertEquals(code, (values[0] as AuthOutcome.Authorized).code)
        assertEquals(mobile, account.mobile)
        assertTrue(account.toString(), account.toString().contains("138****5678"))
        assertTrue(values[1].toString(), values[1].toString().contains("snsapi_userinfo"))
    }

    @Test
    fun objectVariantsPrintTheirName() {
        assertEquals("Cancelled", AuthOutcome.Cancelled.toString())
        assertEquals("StateMismatch", AuthOutcome.StateMismatch.toString())
        assertEquals("NotInstalled", AuthStart.NotInstalled.toString())
        assertEquals("Idle", FlowState.Idle.toString())
        assertEquals("WaitingForWechat", FlowState.WaitingForWechat.toString())
    }

    @Test
    fun aWholeLoginPrintsNoSecret() = runBlocking {
        val user = Live.newUser("printed")
        val phone = Live.newMobile()
        Live.core().use { core ->
            val printed = mutableListOf<Any>()
            val start = core.beginAuth(WechatAvailability.READY)
            check(start is AuthStart.Request) { "expected a request, got $start" }
            printed += start
            val wechatCode = Live.authorize(user)
            val outcome = core.onAuthResp(0, wechatCode, start.state)
            printed += outcome
            val result = core.loginWithCode(wechatCode)
            check(result is LoginResult.NeedsPhone) { "expected NeedsPhone, got $result" }
            printed += result
            printed += core.flowState()
            printed += core.requestCaptcha(phone, CaptchaPurpose.BIND)
            val signedIn = core.bindPhone(result.bindTicket, phone, Live.lastSms(phone))
            printed += signedIn
            printed += core.flowState()
            printed += core.beginWebAuth(WebFlow.QrConnect, "https://app.example/cb")

            val secrets = listOfNotNull(
                start.state, wechatCode, result.bindTicket, phone, signedIn.wechatOpenId, signedIn.wechatUnionId,
            )
            for (value in printed) {
                for (secret in secrets) {
                    assertFalse("$value shows a secret", value.toString().contains(secret))
                }
            }
            assertEquals(phone, signedIn.mobile)
        }
    }

    @Test
    fun everyExceptionVariantCarriesText() {
        // A variant without fields would have an empty `message` (the generated one is
        // built from the fields): every one has at least one.
        val variants = WxLoginException::class.java.declaredClasses
            .filter { WxLoginException::class.java.isAssignableFrom(it) }
        assertEquals(17, variants.size)
        for (variant in variants) {
            val fields = variant.constructors.single().parameterCount
            assertTrue("${variant.simpleName} has no field for its message", fields > 0)
        }
    }

    @Test
    fun errorsOfTheCoreHaveAMessageAndReadWell() = runBlocking {
        val errors = mutableListOf<WxLoginException>()
        suspend fun collect(call: suspend () -> Unit) {
            try {
                call()
                fail("no error")
            } catch (e: WxLoginException) {
                errors += e
            }
        }
        collect { WxLogin(WxLoginConfig("not-an-appid", Platform.ANDROID), KotlinStore()) }
        collect { newCore(store = LockedStore()).beginAuth(WechatAvailability.READY) }
        collect { newCore().parseWebRedirect("not a url") }
        collect { newCore().loginWithCode("\uD800") }
        Live.core().use { core ->
            collect { core.fetchAccount() }
            collect { core.loginWithCode("forged${System.nanoTime()}") }
            collect { core.loginWithPassword(Live.newUser("nobody"), "Passw0rd!") }
        }
        val kinds = errors.map { it::class.simpleName }
        assertEquals(
            listOf(
                "InvalidConfig", "Storage", "InvalidRedirect", "InvalidInput",
                "NotSignedIn", "ReauthorizeWechat", "WrongCredentials",
            ),
            kinds,
        )
        for (e in errors) {
            assertTrue("${e::class.simpleName}: empty message", e.message.orEmpty().isNotBlank())
            assertFalse("${e::class.simpleName}: $e", e.toString().contains("@"))
            assertTrue("${e::class.simpleName}: $e", e.toString().isNotBlank())
        }
    }
}
