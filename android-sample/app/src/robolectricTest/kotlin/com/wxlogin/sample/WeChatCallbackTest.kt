package com.wxlogin.sample

import com.wxlogin.android.LoginStart
import com.wxlogin.core.AuthOutcome
import com.wxlogin.sample.wxapi.WXEntryActivity
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

/**
 * WeChat's answer, sent as the SDK sends it, starts the sample's WXEntryActivity, whose
 * base (the glue) hands it through the real SDK's handleIntent to the real core. Only the
 * pending request's state, in an intent that carries WeChat's token, yields the code.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], instrumentedPackages = ["com.tencent.mm.opensdk"])
class WeChatCallbackTest {
    private val app get() = RuntimeEnvironment.getApplication() as SampleApp
    private val wx get() = app.requireWxLogin()

    @Before
    fun weChatInstalledAndConsentGiven() {
        WeChatApp.install(app)
        app.onPrivacyAccepted()
    }

    private fun startLogin(): String {
        assertEquals(LoginStart.Sent, wx.startLogin())
        return WeChatApp.receivedAuthRequest(app).state
    }

    /** What the login screen's wait gets; bounded, so a response that never arrives fails the test. */
    private fun outcome(): AuthOutcome = runBlocking { withTimeout(10_000) { wx.core.awaitOutcome() } }

    private fun deliver(intent: android.content.Intent): WXEntryActivity {
        val activity = Robolectric.buildActivity(WXEntryActivity::class.java, intent).setup().get()
        assertTrue("WXEntryActivity shows nothing and finishes", activity.isFinishing)
        return activity
    }

    @Test
    fun weChatsAnswerReachesTheCoreThroughTheSamplesWXEntryActivity() {
        val state = startLogin()
        val intent = WeChatApp.send(app, WeChatApp.authorized("code-from-wechat", state))

        // The package manager resolves WeChat's intent to the sample's activity.
        val resolved = app.packageManager.resolveActivity(intent, 0)
        assertEquals(WXEntryActivity::class.java.name, resolved?.activityInfo?.name)

        deliver(intent)
        assertFalse("the core took the answer", wx.core.isAuthPending())
        assertEquals(AuthOutcome.Authorized("code-from-wechat"), outcome())
    }

    @Test
    fun aForgedStateIsRefusedAndTheRealAnswerStillWorks() {
        val state = startLogin()
        val forged = state.substring(1) + (if (state.last() == 'a') 'b' else 'a')
        deliver(WeChatApp.send(app, WeChatApp.authorized("attacker-code", forged)))
        assertTrue("a forged callback leaves the request pending", wx.core.isAuthPending())

        deliver(WeChatApp.send(app, WeChatApp.authorized("real-code", state)))
        assertEquals(AuthOutcome.Authorized("real-code"), outcome())
    }

    @Test
    fun anIntentWithoutWeChatsTokenNeverReachesTheCore() {
        val state = startLogin()
        // Another app that learned the state sends the same response, without WeChat's token.
        deliver(WeChatApp.send(app, WeChatApp.authorized("injected-code", state), fromWeChat = false))
        assertTrue("the SDK dropped it: the request is still pending", wx.core.isAuthPending())

        deliver(WeChatApp.send(app, WeChatApp.authorized("real-code", state)))
        assertEquals(AuthOutcome.Authorized("real-code"), outcome())
    }
}
