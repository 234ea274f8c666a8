package com.wxlogin.core

import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

/**
 * The app is killed while the user is in WeChat; Android starts a new process for
 * WXEntryActivity. The new core instance only has the Kotlin store to go on.
 */
class ProcessDeathTest {
    @Test
    fun aNewInstanceOverTheSameStoreValidatesTheCallback() {
        val deviceStorage = KotlinStore()
        var core: WxLogin? = newCore(store = deviceStorage)
        val state = core!!.begin()
        core.close()
        core = null

        val restarted = newCore(store = deviceStorage)
        assertTrue(restarted.isAuthPending())
        assertEquals(AuthOutcome.Authorized("AFTER"), restarted.onAuthResp(0, "AFTER", state))

        // The SDK delivers the same response again to yet another instance.
        val again = newCore(store = deviceStorage)
        assertEquals(AuthOutcome.Duplicate, again.onAuthResp(0, "AFTER", state))
    }

    @Test
    fun theStoreNeverHoldsTheCode() {
        val deviceStorage = KotlinStore()
        val core = newCore(store = deviceStorage)
        val state = core.begin()
        core.onAuthResp(0, "CODE-NOT-FOR-DISK", state)
        val saved = deviceStorage.values.values.joinToString()
        assertTrue(saved.isNotEmpty())
        assertTrue(saved, !saved.contains("CODE-NOT-FOR-DISK"))
    }
}
