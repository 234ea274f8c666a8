package com.wxlogin.android

import com.wxlogin.core.Account
import com.wxlogin.core.FlowState
import com.wxlogin.core.LoginResult
import com.wxlogin.core.Platform
import com.wxlogin.core.SecureStore
import com.wxlogin.core.WechatAvailability
import com.wxlogin.core.WxLoginConfig
import com.wxlogin.core.WxLoginException
import org.junit.Assert.assertEquals
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test
import java.net.ServerSocket
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit

/** A keystore that is locked: every call throws, as Android's does before the first unlock. */
class LockedStore : SecureStore {
    val thrown = CopyOnWriteArrayList<IllegalStateException>()

    private fun locked(): Nothing = throw IllegalStateException("keystore locked").also { thrown += it }

    override fun get(key: String): String? = locked()

    override fun set(key: String, value: String) = locked()

    override fun delete(key: String) = locked()
}

/** What the glue adds to the core's calls: typed errors with causes, the flow state, callbacks. */
class GlueCallsTest {
    private val direct = Executor { it.run() }

    @Test
    fun aStorageErrorCarriesTheStoresOwnExceptionAsCause() {
        val store = LockedStore()
        val wx = WxLoginAndroid(WxLoginConfigBuilder(APP_ID).build(), store, { true }, callbackExecutor = direct)
        try {
            wx.responseHandler.handle(authResp(0, "code", "state"))
            fail("a locked store let the response through")
        } catch (e: WxLoginException.Storage) {
            assertTrue(store.thrown.isNotEmpty())
            assertSame(store.thrown.last(), e.cause)
            // The reason names the failure; the stack trace stays in the cause.
            assertTrue(e.reason, e.reason.contains("IllegalStateException: keystore locked"))
            assertTrue(e.reason, !e.reason.contains("\tat "))
        }
    }

    @Test
    fun aLoneSurrogateInTheResponseIsNeverAnUntypedException() {
        val core = newCore()
        val state = core.begin()
        try {
            // A typed outcome or a typed error: both are handled by WXEntryActivity.
            WeChatResponseHandler(core).handle(authResp(0, "code\uD800", state))
        } catch (e: WxLoginException) {
            assertTrue(e.message.orEmpty().isNotEmpty())
        } catch (e: Exception) {
            fail("untyped: $e")
        }
    }

    @Test
    fun flowStateFollowsTheCoreAndJavaListenersToo() {
        val core = newCore()
        val wx = WxLoginAndroid(core, APP_ID, { true }, callbackExecutor = direct)
        assertEquals(FlowState.Idle, wx.flowState.value)
        val seen = CopyOnWriteArrayList<FlowState>()
        val listener = FlowStateListener { seen += it }
        wx.addFlowStateListener(listener)
        core.beginAuth(WechatAvailability.READY)
        assertEquals(FlowState.WaitingForWechat, wx.flowState.value)
        wx.removeFlowStateListener(listener)
        core.cancelAuth()
        assertEquals(core.flowState(), wx.flowState.value)
        // Told the current state on registration, then each change until removed.
        assertEquals(listOf(FlowState.Idle, FlowState.WaitingForWechat), seen.toList())
    }

    @Test
    fun theConfigBuilderKeepsTheCoresDefaults() {
        val built = WxLoginConfigBuilder(APP_ID).serverUrl("https://api.example.com").requestTimeoutMs(5_000L).build()
        val defaults = WxLoginConfig(APP_ID, Platform.ANDROID)
        assertEquals(defaults.stateTtlMs, built.stateTtlMs)
        assertEquals(defaults.gracePeriodMs, built.gracePeriodMs)
        assertEquals(5_000L, built.requestTimeoutMs)
        assertEquals("https://api.example.com", built.serverUrl)
        assertEquals(Platform.ANDROID, built.platform)
    }

    @Test
    fun aCancelledCallbackCallIsNeverAnsweredAndClosesItsConnection() {
        // A server that accepts and never answers.
        ServerSocket(0).use { silent ->
            val config = WxLoginConfigBuilder(APP_ID)
                .serverUrl("http://127.0.0.1:${silent.localPort}")
                .requestTimeoutMs(60_000L)
                .build()
            val wx = WxLoginAndroid(config, MemoryStore(), { true }, callbackExecutor = direct)
            val answered = CountDownLatch(1)
            val handle = wx.loginWithCode(
                "code",
                object : WxLoginCallback<LoginResult> {
                    override fun onSuccess(result: LoginResult) = answered.countDown()

                    override fun onFailure(error: WxLoginException) = answered.countDown()
                },
            )
            silent.soTimeout = 10_000
            silent.accept().use { peer ->
                handle.cancel()
                peer.soTimeout = 10_000
                // EOF (-1) once the core dropped the request: nothing is left open.
                assertEquals(-1, drain(peer.getInputStream()))
            }
            assertEquals(false, answered.await(500, TimeUnit.MILLISECONDS))
        }
    }

    @Test
    fun aFailedCallbackCallIsATypedErrorOnTheExecutor() {
        val delivered = CopyOnWriteArrayList<Thread>()
        val executor = Executor { delivered += Thread.currentThread(); it.run() }
        // No session: the core refuses the call.
        val wx = WxLoginAndroid(newCore(), APP_ID, { true }, callbackExecutor = executor)
        val failed = CountDownLatch(1)
        var error: WxLoginException? = null
        wx.fetchAccount(
            object : WxLoginCallback<Account> {
                override fun onSuccess(result: Account) = fail("an account without a server")

                override fun onFailure(error: WxLoginException) {
                    errorSeen(error)
                    failed.countDown()
                }

                private fun errorSeen(e: WxLoginException) {
                    error = e
                }
            },
        )
        assertTrue(failed.await(10, TimeUnit.SECONDS))
        assertTrue("$error", error is WxLoginException.NotSignedIn)
        assertEquals(1, delivered.size)
    }

    /** Reads until EOF; returns -1 then (a read timeout throws instead). */
    private fun drain(input: java.io.InputStream): Int {
        val buf = ByteArray(4096)
        while (true) {
            val n = input.read(buf)
            if (n < 0) return n
        }
    }
}
