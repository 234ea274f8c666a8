package com.wxlogin.core

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test
import java.net.HttpURLConnection
import java.net.URI
import java.net.URLEncoder
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.ThreadLocalRandom

/**
 * The whole WeChat login through the generated Kotlin bindings, against the WeChat
 * simulator and the reference server that scripts/kotlin-test.sh starts (their URLs come
 * in WXLOGIN_TEST_SERVER_URL, WXLOGIN_TEST_SIM_URL and WXLOGIN_TEST_APP_ID). Every call
 * into the core is a suspend call from a coroutine, as an Android app makes it.
 *
 * The server's database lives for the whole run, so every test uses its own WeChat user
 * and phone number.
 */
class ServerFlowTest {
    @Test
    fun wechatLoginBindsAPhoneAndANewCoreResumesTheSession() = runBlocking {
        val user = Live.newUser("flow")
        val nickname = "小明 $user"
        Live.setNickname(user, nickname)
        val mobile = Live.newMobile()
        val store = KotlinStore()
        val states = FlowRecorder()

        val account = Live.core(store).use { core ->
            core.setFlowObserver(states)
            val start = core.beginAuth(WechatAvailability.READY)
            check(start is AuthStart.Request) { "expected a request, got ${start::class.simpleName}" }

            // The login screen suspends on the whole login; WXEntryActivity delivers the
            // WeChat app's answer on another thread meanwhile.
            val login = async { core.completeWechatLogin() }
            delay(20)
            val code = Live.authorize(user)
            val delivered = withContext(Dispatchers.IO) { core.onAuthResp(0, code, start.state) }
            assertEquals(AuthOutcome.Authorized(code), delivered)

            val needsPhone = withTimeout(TIMEOUT_MS) { login.await() }
            check(needsPhone is LoginResult.NeedsPhone) { "expected NeedsPhone, got ${needsPhone::class.simpleName}" }
            assertEquals(nickname, needsPhone.wechat.nickname)
            assertTrue(needsPhone.bindTicket.isNotEmpty())
            assertTrue(needsPhone.expiresInS > 0)
            assertOnBindPhoneStep(needsPhone, core.flowState())
            assertNull(core.currentAccount())

            // The bind-phone screen is recreated after the process was killed: a new core
            // over the same store is on the same step, with the ticket to bind with.
            val ticket = Live.core(store).use { recreated ->
                val state = recreated.flowState()
                assertOnBindPhoneStep(needsPhone, state)
                assertEquals(core.flowState(), state)
                (state as FlowState.NeedsPhone).bindTicket
            }

            val sent = core.requestCaptcha(mobile, CaptchaPurpose.BIND)
            assertTrue(sent.expiresInS > 0)
            val captcha = Live.lastSms(mobile)

            val bound = core.bindPhone(ticket, mobile, captcha)
            assertEquals(mobile, bound.mobile)
            assertTrue(bound.isBindWechat)
            assertEquals(nickname, bound.wechatName)
            assertNotNull(bound.wechatOpenId)
            assertEquals(FlowState.SignedIn(bound), core.flowState())
            assertEquals(bound, core.currentAccount())
            bound
        }

        assertEquals(
            // The observer is told the current state when it registers, then each step.
            listOf("Idle", "WaitingForWechat", "Exchanging", "NeedsPhone", "SignedIn"),
            states.seen.map { it::class.simpleName },
        )
        assertEquals(nickname, (states.seen[3] as FlowState.NeedsPhone).wechat.nickname)
        assertEquals(account, (states.seen[4] as FlowState.SignedIn).account)

        // The process was killed: a new core over the same store knows the account at
        // once, offline, and the server confirms the session.
        Live.core(store).use { core ->
            assertEquals(account, core.currentAccount())
            val resumed = core.resumeSession()
            assertEquals(account.id, resumed.id)
            assertEquals(mobile, resumed.mobile)
            assertTrue(resumed.isBindWechat)
            assertEquals(resumed, core.currentAccount())
        }
    }

    @Test
    fun aDoubleTapSendsTheCodeOnce() = runBlocking {
        val user = Live.newUser("double-tap")
        val code = Live.authorize(user)
        val exchangesBefore = Live.accessTokenCalls()
        // WeChat answers slowly, so the second tap arrives while the first is in flight.
        Live.slowAccessToken(latencyMs = 300)
        Live.core().use { core ->
            val first = async(Dispatchers.Default) { core.loginWithCode(code) }
            val second = async(Dispatchers.Default) { core.loginWithCode(code) }
            val a = withTimeout(TIMEOUT_MS) { first.await() }
            val b = withTimeout(TIMEOUT_MS) { second.await() }
            check(a is LoginResult.NeedsPhone) { "expected NeedsPhone, got ${a::class.simpleName}" }
            // The server hands out a new bind ticket per request (it also exchanges a
            // resubmitted code only once), so one ticket means one request.
            assertEquals(a, b)
        }
        assertEquals(1L, Live.accessTokenCalls() - exchangesBefore)
    }

    @Test
    fun aWrongCaptchaIsCaptchaInvalid() = runBlocking {
        val user = Live.newUser("wrong-captcha")
        val mobile = Live.newMobile()
        Live.core().use { core ->
            val login = core.loginWithCode(Live.authorize(user))
            check(login is LoginResult.NeedsPhone) { "expected NeedsPhone, got ${login::class.simpleName}" }
            core.requestCaptcha(mobile, CaptchaPurpose.BIND)
            val wrong = if (Live.lastSms(mobile) == "000000") "111111" else "000000"
            try {
                core.bindPhone(login.bindTicket, mobile, wrong)
                fail("a wrong captcha bound the phone")
            } catch (e: WxLoginException.CaptchaInvalid) {
                // expected
            }
            assertNull(core.currentAccount())
            assertOnBindPhoneStep(login, core.flowState())
        }
    }

    @Test
    fun noServerListeningIsANetworkError() = runBlocking {
        val config = WxLoginConfig(
            appId = Live.appId,
            platform = Platform.ANDROID,
            serverUrl = "http://127.0.0.1:1",
            requestTimeoutMs = 5_000L,
        )
        WxLogin(config, KotlinStore()).use { core ->
            try {
                core.requestCaptcha(Live.newMobile(), CaptchaPurpose.BIND)
                fail("a captcha was requested from nowhere")
            } catch (e: WxLoginException.Network) {
                assertTrue(e.reason.isNotEmpty())
            }
        }
    }

    private companion object {
        const val TIMEOUT_MS = 15_000L
    }
}

/** Keeps every state the core reports; called on whichever thread changed it. */
/** `state` is the bind-phone step of `login`: its WeChat, its ticket, and an expiry that
 *  lies ahead, at most the ticket's lifetime from now. */
private fun assertOnBindPhoneStep(login: LoginResult.NeedsPhone, state: FlowState) {
    check(state is FlowState.NeedsPhone) { "expected NeedsPhone, got ${state::class.simpleName}" }
    assertEquals(login.wechat, state.wechat)
    assertEquals(login.bindTicket, state.bindTicket)
    val now = System.currentTimeMillis()
    assertTrue(state.expiresAtMs > now)
    assertTrue(state.expiresAtMs <= now + login.expiresInS * 1000L)
}

private class FlowRecorder : FlowObserver {
    val seen = CopyOnWriteArrayList<FlowState>()

    override fun onFlowState(state: FlowState) {
        seen.add(state)
    }
}

/** The simulator and server started by scripts/kotlin-test.sh, reached over plain HTTP. */
internal object Live {
    val serverUrl: String by lazy { env("WXLOGIN_TEST_SERVER_URL") }
    val simUrl: String by lazy { env("WXLOGIN_TEST_SIM_URL") }
    val appId: String by lazy { env("WXLOGIN_TEST_APP_ID") }

    private fun env(name: String): String =
        System.getenv(name)?.trimEnd('/')?.takeIf { it.isNotEmpty() }
            ?: error("$name is not set: run scripts/kotlin-test.sh, which starts the simulator and server")

    fun core(store: SecureStore = KotlinStore()): WxLogin =
        WxLogin(WxLoginConfig(appId, Platform.ANDROID, serverUrl = serverUrl, requestTimeoutMs = 10_000L), store)

    /** A WeChat user id no other test (or earlier run against the same server) used. */
    fun newUser(label: String): String =
        "kt-$label-${System.currentTimeMillis()}-${ThreadLocalRandom.current().nextInt(1_000_000)}"

    /** A mainland mobile number (1[3-9] and nine digits), random enough to be unused. */
    fun newMobile(): String = "139" + "%08d".format(ThreadLocalRandom.current().nextInt(100_000_000))

    /** The user confirms in the WeChat app: the code WeChat hands to the SDK. */
    suspend fun authorize(user: String): String {
        val body = """{"appid":${json(appId)},"user":${json(user)},"scope":"snsapi_userinfo"}"""
        return field(call("POST", "$simUrl/sim/authorize", body), "code")
    }

    suspend fun setNickname(user: String, nickname: String) {
        call("PUT", "$simUrl/sim/users/$user", """{"nickname":${json(nickname)}}""")
    }

    /** Makes WeChat's next code exchange answer after [latencyMs] (it still does the work). */
    suspend fun slowAccessToken(latencyMs: Int) {
        call("POST", "$simUrl/sim/faults", """{"endpoint":"access_token","fault":{"latency_ms":$latencyMs},"count":1}""")
    }

    /** How many code exchanges WeChat has served so far. */
    suspend fun accessTokenCalls(): Long =
        Regex(""""access_token"\s*:\s*(\d+)""").find(call("GET", "$simUrl/sim/calls"))
            ?.groupValues?.get(1)?.toLong() ?: error("no access_token count in /sim/calls")

    /** The captcha the server's dev SMS sender last "sent" to [mobile]. */
    suspend fun lastSms(mobile: String): String =
        field(call("GET", "$serverUrl/dev/sms?mobile=" + URLEncoder.encode(mobile, "UTF-8")), "captcha")

    private suspend fun call(method: String, url: String, body: String? = null): String =
        withContext(Dispatchers.IO) {
            val conn = URI(url).toURL().openConnection() as HttpURLConnection
            try {
                conn.requestMethod = method
                conn.connectTimeout = 5_000
                conn.readTimeout = 10_000
                if (body != null) {
                    conn.doOutput = true
                    conn.setRequestProperty("Content-Type", "application/json")
                    conn.outputStream.use { it.write(body.toByteArray(Charsets.UTF_8)) }
                }
                val status = conn.responseCode
                val stream = if (status < 400) conn.inputStream else conn.errorStream
                val text = stream?.use { it.readBytes().toString(Charsets.UTF_8) }.orEmpty()
                check(status in 200..299) { "$method $url: HTTP $status $text" }
                text
            } finally {
                conn.disconnect()
            }
        }

    private fun field(json: String, name: String): String =
        Regex(""""$name"\s*:\s*"([^"]*)"""").find(json)?.groupValues?.get(1)
            ?: error("no \"$name\" in $json")

    private fun json(s: String): String =
        "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
}
