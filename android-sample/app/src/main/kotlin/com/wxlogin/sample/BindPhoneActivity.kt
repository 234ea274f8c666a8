package com.wxlogin.sample

import android.content.Context
import android.content.Intent
import android.os.Bundle
import com.wxlogin.core.CaptchaPurpose
import com.wxlogin.core.LoginResult
import com.wxlogin.core.WxLoginException

/**
 * The forced phone binding after a WeChat login with a WeChat that has no account yet
 * (`LoginResult.NeedsPhone`): shows the WeChat nickname; the only ways out are binding a
 * phone or going back to the login screen.
 */
class BindPhoneActivity : SampleActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val ticket = intent.getStringExtra(EXTRA_TICKET)
        if (ticket == null) {
            switchTo(LoginActivity::class.java)
            return
        }
        val nickname = intent.getStringExtra(EXTRA_NICKNAME).orEmpty()
        val avatar = intent.getStringExtra(EXTRA_AVATAR)
        val minutes = intent.getIntExtra(EXTRA_EXPIRES_S, 0) / 60
        page {
            label("Bind your phone", 22f)
            label("WeChat: $nickname", 18f)
            if (avatar != null) label("Avatar: $avatar", 12f)
            label("Bind a phone number to finish signing in (within $minutes min).", 14f)
            val form = captchaForm(CaptchaPurpose.BIND)
            button("Bind and sign in") { button ->
                launchUi(button) {
                    wx.bindPhone(ticket, form.mobileText, form.captchaText)
                    switchTo(SignedInActivity::class.java)
                }
            }
            button("Cancel") { switchTo(LoginActivity::class.java) }
        }
    }

    override fun onError(error: Exception) {
        super.onError(error)
        if (error is WxLoginException.BindTicketExpired || error is WxLoginException.ReauthorizeWechat) {
            switchTo(LoginActivity::class.java)
        }
    }

    companion object {
        private const val EXTRA_TICKET = "bindTicket"
        private const val EXTRA_NICKNAME = "nickname"
        private const val EXTRA_AVATAR = "avatarUrl"
        private const val EXTRA_EXPIRES_S = "expiresInS"

        fun intent(context: Context, needsPhone: LoginResult.NeedsPhone): Intent =
            Intent(context, BindPhoneActivity::class.java)
                .putExtra(EXTRA_TICKET, needsPhone.bindTicket)
                .putExtra(EXTRA_NICKNAME, needsPhone.wechat.nickname)
                .putExtra(EXTRA_AVATAR, needsPhone.wechat.avatarUrl)
                .putExtra(EXTRA_EXPIRES_S, needsPhone.expiresInS)
    }
}
