package com.wxlogin.android

import android.content.Intent
import com.tencent.mm.opensdk.constants.Build
import com.tencent.mm.opensdk.modelbase.BaseReq
import com.tencent.mm.opensdk.modelbase.BaseResp
import com.tencent.mm.opensdk.modelmsg.SendAuth
import com.tencent.mm.opensdk.openapi.IWXAPI
import com.tencent.mm.opensdk.openapi.IWXAPIEventHandler
import com.tencent.mm.opensdk.openapi.SendReqCallback
import com.tencent.mm.opensdk.utils.ILog
import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.ButtonPolicy
import com.wxlogin.core.WechatAvailability
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** The phone's WeChat as IWXAPI shows it; only the calls the glue makes are meaningful. */
class FakeWxApi(
    var installed: Boolean = true,
    var supportApi: Int = Build.SDK_INT,
    var sendResult: Boolean = true,
) : IWXAPI {
    val registeredAppIds = mutableListOf<String>()
    val sent = mutableListOf<BaseReq>()

    override fun registerApp(appId: String): Boolean {
        registeredAppIds += appId
        return installed
    }

    override fun registerApp(appId: String, flags: Long): Boolean = registerApp(appId)

    override fun unregisterApp() {}

    override fun handleIntent(intent: Intent, handler: IWXAPIEventHandler): Boolean = false

    override fun isWXAppInstalled(): Boolean = installed

    override fun getWXAppSupportAPI(): Int = if (installed) supportApi else 0

    override fun openWXApp(): Boolean = installed

    override fun sendReq(req: BaseReq): Boolean {
        // The SDK's own validation of the request (scope present, state at most 1 KiB).
        check(req.checkArgs()) { "the SDK rejects $req" }
        sent += req
        return sendResult
    }

    override fun sendReq(req: BaseReq, callback: SendReqCallback?): Boolean = sendReq(req)

    override fun sendResp(resp: BaseResp): Boolean = false

    override fun detach() {}

    override fun setLogImpl(log: ILog?) {}
}

/** WxLoginAndroid over the real core and a fake IWXAPI (no Android runtime needed). */
class WxLoginAndroidTest {
    private fun glue(consent: () -> Boolean = { true }) = WxLoginAndroid(newCore(), APP_ID, consent)

    @Test
    fun nothingTouchesTheSdkBeforePrivacyConsent() {
        var consent = false
        val wx = glue { consent }
        val api = FakeWxApi()
        try {
            wx.attach(api)
            fail("registered without consent")
        } catch (e: PrivacyConsentRequiredException) {
            assertTrue(e.message!!.contains("privacy"))
        }
        assertTrue(api.registeredAppIds.isEmpty())
        assertNull(wx.wxApi)
        try {
            wx.startLogin()
            fail("started without registration")
        } catch (e: IllegalStateException) {
            assertTrue(e.message!!.contains("registerAfterConsent"))
        }
        consent = true
        assertSame(api, wx.attach(api))
        assertEquals(listOf(APP_ID), api.registeredAppIds)
        assertSame(api, wx.attach(FakeWxApi())) // once per process
    }

    @Test
    fun buttonPolicyFollowsTheInstalledWeChat() {
        val wx = glue()
        val api = FakeWxApi()
        wx.attach(api)
        assertEquals(WechatAvailability.READY, wx.availability(api))
        assertEquals(ButtonPolicy.SHOW, wx.buttonPolicy())
        api.supportApi = Build.MIN_SDK_INT - 1
        assertEquals(WechatAvailability.OUTDATED, wx.availability(api))
        assertEquals(ButtonPolicy.SHOW_WITH_INSTALL_PROMPT, wx.buttonPolicy())
        api.installed = false
        assertEquals(WechatAvailability.NOT_INSTALLED, wx.availability(api))
        assertEquals(ButtonPolicy.SHOW_WITH_INSTALL_PROMPT, wx.buttonPolicy()) // Android never hides it
    }

    @Test
    fun startLoginSendsTheCoresRequestAndTheCallbackCompletesIt() {
        val wx = glue()
        val api = FakeWxApi()
        wx.attach(api)
        assertSame(LoginStart.Sent, wx.startLogin())
        val req = api.sent.single() as SendAuth.Req
        assertEquals("snsapi_userinfo", req.scope)
        assertTrue(req.state.length >= 16)
        assertTrue(wx.core.isAuthPending())
        val resp = authResp(0, "081CODE", req.state)
        assertEquals(AuthOutcome.Authorized("081CODE"), wx.responseHandler.handle(resp))
    }

    @Test
    fun startLoginWithoutAUsableWeChatSendsNothing() {
        val wx = glue()
        val api = FakeWxApi(installed = false)
        wx.attach(api)
        assertSame(LoginStart.NotInstalled, wx.startLogin())
        api.installed = true
        api.supportApi = 1
        assertSame(LoginStart.UpdateRequired, wx.startLogin())
        assertTrue(api.sent.isEmpty())
        assertFalse(wx.core.isAuthPending())
    }

    @Test
    fun weChatInstalledAfterRegistrationIsRegisteredBeforeTheRequest() {
        val wx = glue()
        val api = FakeWxApi(installed = false)
        wx.attach(api)
        api.installed = true
        assertSame(LoginStart.Sent, wx.startLogin())
        assertEquals(listOf(APP_ID, APP_ID), api.registeredAppIds)
    }

    @Test
    fun aRefusedSendReqCancelsThePendingRequest() {
        val wx = glue()
        wx.attach(FakeWxApi(sendResult = false))
        assertSame(LoginStart.SendReqFailed, wx.startLogin())
        assertFalse("nobody will call back: the UI must not wait", wx.core.isAuthPending())
    }
}
