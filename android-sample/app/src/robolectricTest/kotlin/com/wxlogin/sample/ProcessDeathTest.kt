package com.wxlogin.sample

import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.Platform
import com.wxlogin.core.WxLogin
import com.wxlogin.core.WxLoginConfig
import com.wxlogin.sample.Screens.tap
import com.wxlogin.sample.wxapi.WXEntryActivity
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

/**
 * The user is in WeChat while Android destroys the login screen (rotation, memory) or the
 * whole process: the pending request lives in the sample's SharedPreferences store, so the
 * answer that comes back is still accepted.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], instrumentedPackages = ["com.tencent.mm.opensdk"])
class ProcessDeathTest {
    private val app get() = RuntimeEnvironment.getApplication() as SampleApp

    @Before
    fun weChatInstalledAndConsentGiven() {
        WeChatApp.install(app)
        app.onPrivacyAccepted()
    }

    @Test
    fun aRecreatedLoginScreenResumesTheWaitAndGetsTheAnswer() {
        val user = Live.newUser("recreate")
        Live.setNickname(user, "Recreated $user")
        val screen = Robolectric.buildActivity(LoginActivity::class.java).setup()
        screen.get().tap("Sign in with WeChat")
        val req = WeChatApp.receivedAuthRequest(app)

        screen.recreate() // the old instance is destroyed: its wait is cancelled
        assertTrue(app.requireWxLogin().core.isAuthPending())

        val answer = WeChatApp.send(app, WeChatApp.authorized(Live.authorize(user), req.state))
        Robolectric.buildActivity(WXEntryActivity::class.java, answer).setup()
        // The new instance waited again and goes on to the phone binding with the server's answer.
        val bind = Screens.nextStarted(app, BindPhoneActivity::class.java)
        assertEquals("Recreated $user", bind.getStringExtra("nickname"))
    }

    @Test
    fun aNewCoreOverTheSamplesStoreAcceptsTheStateOfTheOldOne() {
        val wx = app.requireWxLogin()
        wx.startLogin()
        val state = WeChatApp.receivedAuthRequest(app).state

        // The process is killed while the user is in WeChat; the new one builds a new core
        // over the same SharedPreferences file.
        val config = WxLoginConfig(
            appId = BuildConfig.WECHAT_APP_ID,
            platform = Platform.ANDROID,
            serverUrl = BuildConfig.WXLOGIN_SERVER_URL,
        )
        WxLogin(config, SharedPreferencesStore(app)).use { restarted ->
            assertTrue(restarted.isAuthPending())
            assertEquals(AuthOutcome.Authorized("code-after-restart"), restarted.onAuthResp(0, "code-after-restart", state))
        }
    }
}
