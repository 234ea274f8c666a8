package com.wxlogin.sample

import com.wxlogin.sample.Screens.tap
import com.wxlogin.sample.wxapi.WXEntryActivity
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

/**
 * Privacy review: nothing may create or register the WeChat SDK before the user accepted
 * the privacy policy. With WeChat installed, `registerApp` is visible as the SDK's
 * ACTION_HANDLE_APP_REGISTER broadcast to WeChat.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], instrumentedPackages = ["com.tencent.mm.opensdk"])
class ConsentGateTest {
    private val app get() = RuntimeEnvironment.getApplication() as SampleApp

    @Before
    fun weChatInstalled() {
        WeChatApp.install(app)
    }

    @Test
    fun nothingRegistersWithWeChatBeforeTheUserAccepts() {
        val consent = Robolectric.buildActivity(ConsentActivity::class.java).setup().get()
        assertEquals(emptyList<String?>(), WeChatApp.registrations(app))
        assertNull("no IWXAPI before consent", app.requireWxLogin().wxApi)

        // A WeChat callback arriving before consent (a stale intent) registers nothing either.
        val stale = WeChatApp.send(app, WeChatApp.authorized("stale-code", "stale-state"))
        val entry = Robolectric.buildActivity(WXEntryActivity::class.java, stale).setup().get()
        assertTrue(entry.isFinishing)
        assertEquals(emptyList<String?>(), WeChatApp.registrations(app))

        consent.tap("Accept")
        assertEquals(
            listOf("weixin://registerapp?appid=" + BuildConfig.WECHAT_APP_ID),
            WeChatApp.registrations(app),
        )
        Screens.nextStarted(app, LoginActivity::class.java)

        // Once registered, the login screen and WeChat's callbacks reuse the registration.
        Robolectric.buildActivity(LoginActivity::class.java).setup()
        Robolectric.buildActivity(ConsentActivity::class.java).setup()
        assertEquals(1, WeChatApp.registrations(app).size)
    }

    @Test
    fun declineLeavesTheSdkUntouched() {
        val consent = Robolectric.buildActivity(ConsentActivity::class.java).setup().get()
        consent.tap("Decline")
        assertTrue(consent.isFinishing)
        assertEquals(emptyList<String?>(), WeChatApp.registrations(app))
        assertNull(app.requireWxLogin().wxApi)
    }
}
