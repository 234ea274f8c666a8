package com.wxlogin.core

import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNull
import org.junit.Assert.fail
import org.junit.Test

/**
 * The answer to a resume was lost (the phone went into a tunnel after the server rotated
 * the token): the app still holds the old token and must stay signed in. The server keeps
 * the old token working until the new one is first used (two-phase rotation).
 *
 * The phone whose answer never came is played by a copy of the store taken before the
 * resume: a new core over it holds the old token. Runs against the simulator and server
 * that scripts/kotlin-test.sh starts.
 */
class LostAnswerTest {
    @Test
    fun aResumeWhoseAnswerWasLostKeepsTheSession() = runBlocking {
        val store = KotlinStore()
        val account = signInWithPhone(store)

        val beforeResume = store.copy()
        Live.core(store).use { answered ->
            assertEquals(account.id, answered.resumeSession().id)
            assertNotEquals("the resume did not rotate the token", beforeResume.values, store.values)

            Live.core(beforeResume).use { lost ->
                assertEquals(account.id, lost.resumeSession().id)
                assertEquals(account.id, lost.currentAccount()?.id)
                assertEquals(account.id, lost.resumeSession().id)

                // The lost phone's token was used first: the answer nobody received is
                // worthless now, and the lost phone stays signed in.
                try {
                    answered.resumeSession()
                    fail("the token of the lost answer still works")
                } catch (e: WxLoginException.NotSignedIn) {
                    assertNull(answered.currentAccount())
                }
                assertEquals(account.id, lost.currentAccount()?.id)
            }
        }
    }

    private suspend fun signInWithPhone(store: SecureStore): Account =
        Live.core(store).use { core ->
            val mobile = Live.newMobile()
            core.requestCaptcha(mobile, CaptchaPurpose.LOGIN)
            core.loginWithPhone(mobile, Live.lastSms(mobile))
        }

    private fun KotlinStore.copy(): KotlinStore = KotlinStore().also { it.values.putAll(values) }
}
