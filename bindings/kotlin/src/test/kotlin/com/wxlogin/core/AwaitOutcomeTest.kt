package com.wxlogin.core

import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Assert.assertEquals
import org.junit.Test
import kotlin.concurrent.thread

/** The login screen suspends on awaitOutcome; WXEntryActivity delivers on its own thread. */
class AwaitOutcomeTest {
    @Test
    fun theWaitingScreenGetsTheCallbackOutcome() = runBlocking {
        val core = newCore()
        val state = core.begin()
        val waiting = async { core.awaitOutcome() }
        delay(20)
        thread { core.onAuthResp(0, "FROM-ENTRY-ACTIVITY", state) }.join()
        assertEquals(AuthOutcome.Authorized("FROM-ENTRY-ACTIVITY"), withTimeout(5_000) { waiting.await() })
    }

    @Test
    fun backWithoutACallbackResolvesAsCancelledAfterTheGracePeriod() = runBlocking {
        val core = newCore(graceMs = 50L)
        val state = core.begin()
        core.onAppForeground()
        assertEquals(AuthOutcome.Cancelled, withTimeout(5_000) { core.awaitOutcome() })
        assertEquals(AuthOutcome.Duplicate, core.onAuthResp(0, "LATE", state))
    }

    @Test
    fun nothingPendingReturnsAtOnce() = runBlocking {
        assertEquals(AuthOutcome.NoPendingRequest, withTimeout(5_000) { newCore().awaitOutcome() })
    }
}
