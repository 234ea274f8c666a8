package com.wxlogin.sample

import android.content.Intent
import android.os.Bundle
import android.view.View
import android.widget.Button
import android.widget.LinearLayout
import android.widget.TextView
import com.wxlogin.android.LoginStart
import com.wxlogin.core.Account
import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.CaptchaPurpose
import com.wxlogin.core.WxLoginException

/** Signed in: the account, binding WeChat or a phone to it, signing out. */
class SignedInActivity : SampleActivity() {
    private lateinit var details: TextView
    private lateinit var bindWechat: Button
    private lateinit var bindPhoneSection: LinearLayout
    private lateinit var pending: PendingWechat

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        pending = PendingWechat(this)
        val account = try {
            core.currentAccount()
        } catch (e: WxLoginException) {
            null // the store is unreadable: sign in again
        }
        if (account == null) {
            switchTo(LoginActivity::class.java)
            return
        }
        page {
            label("Signed in", 22f)
            details = label("", 14f)
            bindWechat = button("Bind WeChat") { onBindWechatTapped() }
            bindPhoneSection = vertical().also { section ->
                section.setPadding(0, 0, 0, 0)
                section.label("Bind a phone number", 16f)
                val form = section.captchaForm(CaptchaPurpose.BIND)
                section.button("Bind phone") { button ->
                    launchUi(button) { show(wx.bindPhoneToAccount(form.mobileText, form.captchaText)) }
                }
                addView(section)
            }
            button("Refresh") { button -> launchUi(button) { show(wx.fetchAccount()) } }
            button("Sign out") { button ->
                launchUi(button) {
                    wx.logout() // the local session is gone whatever the server says
                    switchTo(LoginActivity::class.java)
                }
            }
            button("QA checklist") { startActivity(Intent(this@SignedInActivity, QaActivity::class.java)) }
        }
        show(account)
        when {
            // A "bind WeChat" that went out before this screen was re-created.
            pending.purpose == PendingWechat.BIND -> launchUi(bindWechat) { finishBindWechat() }
            // The seed's "repeat login": the server re-checks the session (and the WeChat
            // grant) once per start; offline, the user stays signed in.
            savedInstanceState == null -> launchUi { show(wx.resumeSession()) }
        }
    }

    override fun onResume() {
        super.onResume()
        wx.onAppForeground() // back from WeChat without a callback (bind WeChat)
    }

    override fun onError(error: Exception) {
        super.onError(error)
        // Only the server's verdict signs out (an expired session, a revoked WeChat grant).
        val signedOut = try {
            core.currentAccount() == null
        } catch (e: Exception) {
            false
        }
        if (signedOut) switchTo(LoginActivity::class.java)
    }

    private fun show(account: Account) {
        details.text = buildString {
            append("Account #").append(account.id).append('\n')
            append("Phone: ").append(account.mobile ?: "none").append('\n')
            account.account?.let { append("Login name: ").append(it).append('\n') }
            if (account.isBindWechat) {
                append("WeChat: ").append(account.wechatName ?: "(no nickname)").append('\n')
                append("OpenID: ").append(account.wechatOpenId ?: "?").append('\n')
                account.wechatUnionId?.let { append("UnionID: ").append(it).append('\n') }
                account.wechatAvatarUrl?.let { append("Avatar: ").append(it).append('\n') }
            } else {
                append("WeChat: not bound\n")
            }
        }
        bindWechat.visibility = if (account.isBindWechat) View.GONE else View.VISIBLE
        bindPhoneSection.visibility = if (account.mobile == null) View.VISIBLE else View.GONE
    }

    private fun onBindWechatTapped() {
        launchUi(bindWechat) {
            when (wx.startLogin()) {
                LoginStart.Sent -> {
                    pending.purpose = PendingWechat.BIND
                    finishBindWechat()
                }
                LoginStart.NotInstalled -> promptInstallWechat(update = false)
                LoginStart.UpdateRequired -> promptInstallWechat(update = true)
                LoginStart.SendReqFailed -> status.text = "WeChat could not be opened. Try again."
            }
        }
    }

    private suspend fun finishBindWechat() {
        status.text = ""
        val outcome = try {
            wx.awaitOutcome()
        } catch (e: WxLoginException) {
            pending.purpose = null
            throw e
        }
        // Not in a finally: a cancelled wait (screen destroyed) must stay resumable.
        pending.purpose = null
        if (outcome is AuthOutcome.Authorized) {
            show(wx.bindWechat(outcome.code)) // the code is sent once, whatever happens
        } else {
            status.text = ErrorText.describe(outcome) ?: ""
        }
    }
}
