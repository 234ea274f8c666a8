package com.wxlogin.core

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** onAuthResp through the generated bindings: what WXEntryActivity.onResp calls. */
class AuthRespTest {
    @Test
    fun errCodeZeroWithThePendingStateYieldsTheCodeOnce() {
        val core = newCore()
        val state = core.begin()
        assertTrue(core.isAuthPending())
        assertEquals(AuthOutcome.Authorized("081AbC"), core.onAuthResp(0, "081AbC", state))
        assertFalse(core.isAuthPending())
        assertEquals(AuthOutcome.Duplicate, core.onAuthResp(0, "081AbC", state))
        assertEquals(AuthOutcome.Replayed, core.onAuthResp(0, "081XyZ", state))
    }

    @Test
    fun everyErrCodeHasItsOwnOutcomeAndNoCode() {
        val expected = mapOf(
            -1 to AuthOutcome.Failed,
            -2 to AuthOutcome.Cancelled,
            -3 to AuthOutcome.SendFailed,
            -4 to AuthOutcome.Denied,
            -5 to AuthOutcome.Unsupported,
            -6 to AuthOutcome.SignatureMismatch,
            -42 to AuthOutcome.UnknownErrCode(-42),
            3 to AuthOutcome.UnknownErrCode(3),
        )
        for ((errCode, outcome) in expected) {
            val core = newCore()
            val state = core.begin()
            assertEquals("errCode $errCode", outcome, core.onAuthResp(errCode, null, state))
            assertFalse("errCode $errCode resolves the request", core.isAuthPending())
            assertEquals(AuthOutcome.Duplicate, core.onAuthResp(errCode, null, state))
            // A code showing up later for the same state is a forgery, never a login.
            assertEquals(AuthOutcome.Replayed, core.onAuthResp(0, "CODE", state))
        }
    }

    @Test
    fun aWrongStateNeverYieldsACodeAndLeavesTheRequestOpen() {
        val core = newCore()
        val state = core.begin()
        val forged = state.reversed()
        assertNotEquals(state, forged)
        assertEquals(AuthOutcome.StateMismatch, core.onAuthResp(0, "EVIL", forged))
        assertEquals(AuthOutcome.StateMismatch, core.onAuthResp(0, "EVIL", state.dropLast(1)))
        assertEquals(AuthOutcome.StateMismatch, core.onAuthResp(-2, null, forged))
        assertTrue(core.isAuthPending())
        assertEquals(AuthOutcome.Authorized("REAL"), core.onAuthResp(0, "REAL", state))
    }

    @Test
    fun missingAndOversizedStates() {
        val core = newCore()
        val state = core.begin()
        assertEquals(AuthOutcome.StateMissing, core.onAuthResp(0, "C", null))
        assertEquals(AuthOutcome.StateMissing, core.onAuthResp(0, "C", ""))
        assertEquals(AuthOutcome.StateOversized, core.onAuthResp(0, "C", state + "x".repeat(1024)))
        assertTrue(core.isAuthPending())
    }

    @Test
    fun errCodeZeroWithoutACodeUsesUpTheRequest() {
        val core = newCore()
        val state = core.begin()
        assertEquals(AuthOutcome.MissingCode, core.onAuthResp(0, "", state))
        assertFalse(core.isAuthPending())
    }

    @Test
    fun aCallbackWithNoRequestIsRefused() {
        assertEquals(AuthOutcome.NoPendingRequest, newCore().onAuthResp(0, "C", "abcdef"))
    }

    @Test
    fun anExpiredStateYieldsNoCode() {
        val core = newCore(ttlMs = 40L)
        val state = core.begin()
        Thread.sleep(80)
        assertFalse(core.isAuthPending())
        assertEquals(AuthOutcome.StateExpired, core.onAuthResp(0, "LATE", state))
    }

    @Test
    fun aNewRequestReplacesTheOldOne() {
        val core = newCore()
        val old = core.begin()
        val new = core.begin()
        assertNotEquals(old, new)
        assertEquals(AuthOutcome.Duplicate, core.onAuthResp(0, "C", old))
        assertEquals(AuthOutcome.Authorized("C"), core.onAuthResp(0, "C", new))
    }

    @Test
    fun statesAreLongRandomAndAlphanumeric() {
        val core = newCore()
        val states = (1..200).map { core.begin() }.toSet()
        assertEquals(200, states.size)
        for (state in states) {
            assertTrue(state, state.length in 22..128)
            assertTrue(state, state.all { it in 'a'..'z' || it in 'A'..'Z' || it in '0'..'9' })
        }
    }

    @Test
    fun noRequestWithoutAUsableWeChat() {
        val core = newCore()
        assertEquals(AuthStart.NotInstalled, core.beginAuth(WechatAvailability.NOT_INSTALLED))
        assertEquals(AuthStart.UpdateRequired, core.beginAuth(WechatAvailability.OUTDATED))
        assertFalse(core.isAuthPending())
    }

    @Test
    fun aThrowingKotlinStoreBecomesAStorageError() {
        val core = newCore(store = LockedStore())
        try {
            core.onAuthResp(0, "C", "abc")
            fail("expected WxLoginException.Storage")
        } catch (e: WxLoginException.Storage) {
            assertTrue(e.reason, e.reason.contains("keystore locked"))
            // The exception's first line, not Kotlin's whole stack trace.
            assertFalse(e.reason, e.reason.contains("\n"))
            assertFalse(e.reason, e.reason.contains("\tat "))
        }
    }

    @Test
    fun negativeDurationsAreATypedConfigurationError() {
        for (config in listOf(
            WxLoginConfig(APP_ID, Platform.ANDROID, stateTtlMs = -1L),
            WxLoginConfig(APP_ID, Platform.ANDROID, gracePeriodMs = -1L),
            WxLoginConfig(APP_ID, Platform.ANDROID, requestTimeoutMs = 0L),
        )) {
            try {
                WxLogin(config, KotlinStore())
                fail("accepted $config")
            } catch (e: WxLoginException.InvalidConfig) {
                assertTrue(e.reason, e.reason.endsWith("ms (got ${if (config.requestTimeoutMs == 0L) 0 else -1})"))
            }
        }
    }

    @Test
    fun aLoneSurrogateInTheCodeOrStateIsATypedOutcome() {
        val core = newCore()
        // In the code: the request is answered, without a code (the code cannot be one).
        val state = core.begin()
        assertEquals(AuthOutcome.MissingCode, core.onAuthResp(0, "081\uD800AbC", state))
        assertFalse(core.isAuthPending())
        // In the state: not the pending request's, which stays open.
        val pending = core.begin()
        assertEquals(AuthOutcome.StateMismatch, core.onAuthResp(0, "081AbC", "\uDC00" + pending.drop(1)))
        assertEquals(AuthOutcome.StateMismatch, core.onAuthResp(-2, null, pending + "\uD83D"))
        assertTrue(core.isAuthPending())
        assertEquals(AuthOutcome.Authorized("081AbC"), core.onAuthResp(0, "081AbC", pending))
    }

    @Test
    fun aCodeThatCannotBeOneIsInvalidInputBeforeAnyRequest() = kotlinx.coroutines.runBlocking {
        // No server configured: a code that passed the check would fail with InvalidConfig.
        val core = newCore()
        for (code in listOf("\uD800", "081\uDFFFAbC", "", "has space", "x".repeat(257))) {
            try {
                core.loginWithCode(code)
                fail("loginWithCode accepted ${code.length} chars")
            } catch (e: WxLoginException.InvalidInput) {
                assertTrue(e.message.orEmpty().isNotEmpty())
            }
        }
    }

    @Test
    fun wellFormedUtf16ReplacesOnlyLoneSurrogates() {
        assertEquals("abc", wellFormedUtf16("abc"))
        assertEquals("a\uD83D\uDE00b", wellFormedUtf16("a\uD83D\uDE00b")) // a pair (emoji) stays
        assertEquals("a\uFFFDb", wellFormedUtf16("a\uD83Db"))
        assertEquals("\uFFFD", wellFormedUtf16("\uDE00"))
        assertEquals("\uFFFD\uFFFD", wellFormedUtf16("\uDE00\uD83D"))
        assertEquals("x\uFFFD", wellFormedUtf16("x\uD83D"))
    }

    @Test
    fun badConfigurationIsATypedError() {
        try {
            WxLogin(WxLoginConfig("not-an-appid", Platform.ANDROID), KotlinStore())
            fail("expected WxLoginException.InvalidConfig")
        } catch (e: WxLoginException.InvalidConfig) {
            assertTrue(e.reason, e.reason.contains("app_id"))
        }
    }
}
