package com.wxlogin.sample.wxapi

import com.wxlogin.android.WxEntryActivityBase
import com.wxlogin.android.WxLoginAndroid
import com.wxlogin.core.AuthOutcome
import com.wxlogin.sample.SampleApp

/**
 * WeChat's callback. The class name is fixed by WeChat: `<applicationId>.wxapi.WXEntryActivity`
 * (applicationId com.wxlogin.sample, see app/build.gradle.kts); the manifest declares it
 * exported. The base hands the response to the core and finishes; the login screen gets
 * the outcome from `completeWechatLogin()`.
 */
class WXEntryActivity : WxEntryActivityBase() {
    override val wxLogin: WxLoginAndroid
        get() = (application as SampleApp).requireWxLogin()

    override fun onAuthOutcome(outcome: AuthOutcome?) {
        if (outcome == AuthOutcome.Replayed) {
            android.util.Log.w("wxlogin-sample", "a used WeChat state came back with another code (security event)")
        }
    }
}
