package com.wxlogin.core

import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test
import java.net.URI
import java.net.URLDecoder

class PolicyAndWebTest {
    @Test
    fun buttonPolicyTable() {
        val table = listOf(
            Triple(Platform.ANDROID, WechatAvailability.READY, ButtonPolicy.SHOW),
            Triple(Platform.ANDROID, WechatAvailability.NOT_INSTALLED, ButtonPolicy.SHOW_WITH_INSTALL_PROMPT),
            Triple(Platform.ANDROID, WechatAvailability.OUTDATED, ButtonPolicy.SHOW_WITH_INSTALL_PROMPT),
            Triple(Platform.IOS, WechatAvailability.READY, ButtonPolicy.SHOW),
            Triple(Platform.IOS, WechatAvailability.NOT_INSTALLED, ButtonPolicy.HIDE),
            Triple(Platform.IOS, WechatAvailability.OUTDATED, ButtonPolicy.HIDE),
        )
        for ((platform, availability, expected) in table) {
            assertEquals("$platform $availability", expected, buttonPolicy(platform, availability))
            assertEquals(expected, newCore(platform = platform).buttonPolicy(availability))
        }
    }

    private fun params(url: String): Map<String, String> =
        URI(url).rawQuery.split("&").associate {
            val (k, v) = it.split("=", limit = 2)
            k to URLDecoder.decode(v, "UTF-8")
        }

    @Test
    fun qrConnectUrlAndRedirect() {
        val core = newCore()
        val goodRedirect = "https://app.example/wechat/cb?from=pc"
        val request = core.beginWebAuth(WebFlow.QrConnect, goodRedirect)
        val uri = URI(request.url)
        assertEquals("open.weixin.qq.com", uri.host)
        assertEquals("/connect/qrconnect", uri.path)
        assertEquals("wechat_redirect", uri.rawFragment)
        assertTrue(request.url, request.url.contains("redirect_uri=https%3A%2F%2Fapp.example%2Fwechat%2Fcb%3Ffrom%3Dpc&"))
        val p = params(request.url)
        assertEquals(APP_ID, p["appid"])
        assertEquals(goodRedirect, p["redirect_uri"])
        assertEquals("code", p["response_type"])
        assertEquals("snsapi_login", p["scope"])
        assertEquals(request.state, p["state"])

        val back = "$goodRedirect&code=WEBCODE&state=${request.state}"
        assertEquals(AuthOutcome.Authorized("WEBCODE"), core.parseWebRedirect(back))
        assertEquals(AuthOutcome.Duplicate, core.parseWebRedirect(back))
    }

    @Test
    fun officialAccountUrlDenialAndStrangers() {
        val core = newCore()
        val redirect = "https://h5.example/auth"
        val request = core.beginWebAuth(WebFlow.OfficialAccount(OfficialAccountScope.USER_INFO), redirect)
        assertEquals("/connect/oauth2/authorize", URI(request.url).path)
        assertTrue(request.url.endsWith("#wechat_redirect"))
        assertEquals("snsapi_userinfo", params(request.url)["scope"])

        try {
            core.parseWebRedirect("https://evil.example/auth?code=X&state=${request.state}")
            fail("a foreign address must not be taken for the redirect")
        } catch (e: WxLoginException.InvalidRedirect) {
        }
        assertEquals(AuthOutcome.StateMismatch, core.parseWebRedirect("$redirect?code=X&state=nope"))
        assertEquals(AuthOutcome.Denied, core.parseWebRedirect("$redirect?state=${request.state}"))
    }

    @Test
    fun plainHttpRedirectIsRefused() {
        assertThrowsConfig { newCore().beginWebAuth(WebFlow.QrConnect, "http://app.example/cb") }
    }

    private fun assertThrowsConfig(block: () -> Unit) {
        try {
            block()
            fail("expected WxLoginException.InvalidConfig")
        } catch (e: WxLoginException.InvalidConfig) {
        }
    }
}
