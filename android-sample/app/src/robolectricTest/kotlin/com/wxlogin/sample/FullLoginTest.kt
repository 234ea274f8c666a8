package com.wxlogin.sample

import com.wxlogin.sample.Screens.field
import com.wxlogin.sample.Screens.tap
import com.wxlogin.sample.Screens.texts
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
 * The whole first login through the sample's screens, against the real simulator and
 * server: privacy consent → WeChat button → WeChat's answer through WXEntryActivity →
 * the bind-phone screen with the WeChat nickname → SMS code → signed in.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [34], instrumentedPackages = ["com.tencent.mm.opensdk"])
class FullLoginTest {
    private val app get() = RuntimeEnvironment.getApplication() as SampleApp

    @Before
    fun weChatInstalled() {
        WeChatApp.install(app)
    }

    @Test
    fun weChatLoginThenPhoneBindingSignsIn() {
        val user = Live.newUser("full")
        val nickname = "小红 $user"
        Live.setNickname(user, nickname)
        val mobile = Live.newMobile()

        val consent = Robolectric.buildActivity(ConsentActivity::class.java).setup().get()
        consent.tap("Accept")
        val login = Robolectric.buildActivity(LoginActivity::class.java, Screens.nextStarted(app, LoginActivity::class.java))
            .setup().get()

        login.tap("Sign in with WeChat")
        val req = WeChatApp.receivedAuthRequest(app)
        assertEquals("snsapi_userinfo", req.scope)
        val answer = WeChatApp.send(app, WeChatApp.authorized(Live.authorize(user), req.state))
        Robolectric.buildActivity(WXEntryActivity::class.java, answer).setup()

        val bind = Robolectric.buildActivity(BindPhoneActivity::class.java, Screens.nextStarted(app, BindPhoneActivity::class.java))
            .setup().get()
        assertTrue(bind.texts().toString(), "WeChat: $nickname" in bind.texts())
        bind.field("Phone number").setText(mobile)
        bind.tap("Send code")
        Screens.waitUntil("the code to be sent") { bind.texts().any { it.startsWith("Code sent") } }
        bind.field("SMS code").setText(Live.lastSms(mobile))
        bind.tap("Bind and sign in")

        val signedIn = Robolectric.buildActivity(SignedInActivity::class.java, Screens.nextStarted(app, SignedInActivity::class.java))
            .setup().get()
        val details = signedIn.texts().joinToString("\n")
        assertTrue(details, "Phone: $mobile" in details)
        assertTrue(details, "WeChat: $nickname" in details)
        val account = app.requireWxLogin().core.currentAccount()
        assertEquals(mobile, account?.mobile)
        assertEquals(nickname, account?.wechatName)
    }
}
