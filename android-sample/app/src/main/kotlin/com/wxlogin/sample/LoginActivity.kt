package com.wxlogin.sample

import android.content.Intent
import android.graphics.Color
import android.os.Bundle
import android.view.View
import android.widget.Button
import com.wxlogin.android.LoginStart
import com.wxlogin.core.ButtonPolicy
import com.wxlogin.core.CaptchaPurpose
import com.wxlogin.core.LoginResult
import com.wxlogin.core.WxLoginException

/**
 * Login: the WeChat button (per the core's policy: on Android always shown; without a
 * usable WeChat a tap guides the install) and phone + SMS code.
 */
class LoginActivity : SampleActivity() {
    private lateinit var wechatButton: Button
    private lateinit var pending: PendingWechat

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        pending = PendingWechat(this)
        page {
            label("Sign in", 22f)
            wechatButton = button("Sign in with WeChat") { onWechatTapped() }
            wechatButton.setBackgroundColor(Color.rgb(0x07, 0xC1, 0x60))
            wechatButton.setTextColor(Color.WHITE)
            label("or with your phone number", 14f)
            val form = captchaForm(CaptchaPurpose.LOGIN)
            button("Sign in with phone") { button ->
                launchUi(button) {
                    wx.loginWithPhone(form.mobileText, form.captchaText)
                    switchTo(SignedInActivity::class.java)
                }
            }
            button("QA checklist") { startActivity(Intent(this@LoginActivity, QaActivity::class.java)) }
        }
        // A WeChat login that went out from an earlier instance of this screen (or an
        // earlier process): wait for its outcome again. Nothing pending: returns at once.
        val pendingInCore = try {
            core.isAuthPending()
        } catch (e: WxLoginException) {
            false // the store is unreadable: the next call reports it
        }
        if (pending.purpose == PendingWechat.LOGIN || pendingInCore) awaitWechatLogin()
    }

    override fun onResume() {
        super.onResume()
        // Back from WeChat without a callback (back button, app switcher): the core
        // resolves the request as Cancelled after the grace period, so the wait ends.
        wx.onAppForeground()
        refreshWechatButton() // WeChat may have been installed or removed meanwhile
    }

    private fun refreshWechatButton() {
        when (wx.buttonPolicy()) {
            ButtonPolicy.SHOW -> {
                wechatButton.visibility = View.VISIBLE
                wechatButton.text = "Sign in with WeChat"
            }
            ButtonPolicy.SHOW_WITH_INSTALL_PROMPT -> {
                wechatButton.visibility = View.VISIBLE
                wechatButton.text = "Sign in with WeChat (install WeChat first)"
            }
            ButtonPolicy.HIDE -> wechatButton.visibility = View.GONE // iOS only
        }
    }

    private fun onWechatTapped() {
        launchUi(wechatButton) {
            when (wx.startLogin()) {
                LoginStart.Sent -> {
                    pending.purpose = PendingWechat.LOGIN
                    finishWechatLogin()
                }
                LoginStart.NotInstalled -> promptInstallWechat(update = false)
                LoginStart.UpdateRequired -> promptInstallWechat(update = true)
                LoginStart.SendReqFailed -> status.text = "WeChat could not be opened. Try again."
            }
        }
    }

    private fun awaitWechatLogin() {
        launchUi(wechatButton) { finishWechatLogin() }
    }

    private suspend fun finishWechatLogin() {
        status.text = ""
        val result = try {
            wx.completeWechatLogin()
        } catch (e: WxLoginException) {
            pending.purpose = null
            throw e
        }
        // Not in a finally: a cancelled wait (screen destroyed) must stay resumable.
        pending.purpose = null
        when (result) {
            is LoginResult.SignedIn -> switchTo(SignedInActivity::class.java)
            is LoginResult.NeedsPhone -> startActivity(BindPhoneActivity.intent(this, result))
            is LoginResult.NotAuthorized -> status.text = ErrorText.describe(result.outcome) ?: ""
        }
    }
}
