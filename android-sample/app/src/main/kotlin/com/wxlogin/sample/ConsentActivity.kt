package com.wxlogin.sample

import android.os.Bundle

/**
 * The launcher: the privacy policy until the user accepts it (nothing touches the WeChat
 * SDK before: privacy review), then the login or the signed-in screen.
 */
class ConsentActivity : SampleActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val setupError = app.setupError
        if (setupError == null && app.consent.accepted) {
            route()
            return
        }
        page {
            label("wxlogin sample", 22f)
            if (setupError != null) {
                label(setupError)
                label("Set wxlogin.appId and wxlogin.serverUrl in gradle.properties and rebuild.", 14f)
                return@page
            }
            label(
                "Privacy policy\n\n" +
                    "This sample signs you in with WeChat or with your phone number. It sends your " +
                    "phone number and the WeChat authorization code to ${BuildConfig.WXLOGIN_SERVER_URL}, " +
                    "and keeps your session on this device.\n\n" +
                    "The WeChat SDK is initialised only after you accept.",
                14f,
            )
            button("Accept") {
                app.onPrivacyAccepted()
                route()
            }
            button("Decline") {
                finish()
            }
        }
    }

    private fun route() {
        val signedIn = try {
            core.currentAccount() != null
        } catch (e: Exception) {
            false // the store could not be read: the login screen says so on its first call
        }
        switchTo(if (signedIn) SignedInActivity::class.java else LoginActivity::class.java)
    }
}
