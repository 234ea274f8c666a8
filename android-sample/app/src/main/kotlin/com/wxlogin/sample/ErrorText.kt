package com.wxlogin.sample

import com.wxlogin.android.PrivacyConsentRequiredException
import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.BindingConflict
import com.wxlogin.core.WxLoginException

/**
 * What the sample tells the user for each error and unsuccessful outcome. The `when`s are
 * exhaustive: a new error or conflict in the core fails the build until it has a message.
 */
object ErrorText {
    fun describe(error: Throwable): String = when (error) {
        is WxLoginException -> describe(error)
        is PrivacyConsentRequiredException -> "Accept the privacy policy to use WeChat login."
        else -> error.message ?: error.toString()
    }

    fun describe(error: WxLoginException): String = when (error) {
        is WxLoginException.InvalidConfig -> "Configuration error: ${error.reason}"
        is WxLoginException.Storage -> "Could not use the app's storage (${error.reason}). Try again."
        is WxLoginException.InvalidRedirect -> "Not a WeChat redirect: ${error.reason}"
        is WxLoginException.Network -> "No connection. Check the network and try again."
        is WxLoginException.ServiceUnavailable -> "The service is busy. Try again later."
        is WxLoginException.ServerMisconfigured ->
            "Login is unavailable right now (server configuration). Please report it."
        is WxLoginException.UnexpectedResponse ->
            "Unexpected answer from the server (captive portal or proxy?). Try again later."
        is WxLoginException.InvalidInput -> error.reason
        is WxLoginException.NotSignedIn -> "Please sign in."
        is WxLoginException.ReauthorizeWechat -> "WeChat authorization expired. Sign in with WeChat again."
        is WxLoginException.BindTicketExpired -> "This WeChat login expired. Sign in with WeChat again."
        is WxLoginException.CaptchaInvalid -> "Wrong or expired code. Retype it or request a new one."
        is WxLoginException.CaptchaLocked -> "Too many wrong tries. Request a new code."
        is WxLoginException.RateLimited -> "Too many requests. Try again in ${error.retryAfterS} s."
        is WxLoginException.WrongCredentials -> "Account or password wrong."
        is WxLoginException.BindingRefused -> describe(error.conflict)
        is WxLoginException.Internal -> "Internal error: ${error.reason}. Please report it."
    }

    fun describe(conflict: BindingConflict): String = when (conflict) {
        BindingConflict.PHONE_HAS_OTHER_WECHAT -> "This phone number's account is already bound to another WeChat."
        BindingConflict.ACCOUNT_HAS_OTHER_WECHAT -> "Your account is already bound to another WeChat."
        BindingConflict.WECHAT_HAS_OTHER_ACCOUNT -> "This WeChat is already bound to another account."
        BindingConflict.ACCOUNT_HAS_OTHER_PHONE -> "Your account is already bound to another phone number."
        BindingConflict.PHONE_HAS_OTHER_ACCOUNT -> "This phone number belongs to another account."
    }

    /** A WeChat authorization that gave no code; null when nothing needs saying. */
    fun describe(outcome: AuthOutcome): String? = when (outcome) {
        is AuthOutcome.Authorized -> null
        AuthOutcome.Cancelled -> null // back on the login screen, no message
        AuthOutcome.NoPendingRequest -> null // nothing was under way (e.g. resumed after a restart)
        AuthOutcome.Denied -> "You declined in WeChat. Use another way to sign in."
        AuthOutcome.SendFailed, AuthOutcome.Failed -> "WeChat could not be reached. Try again."
        AuthOutcome.Unsupported -> "Your WeChat does not support this login. Update WeChat."
        AuthOutcome.SignatureMismatch ->
            "WeChat rejected the app's registration (signature or package name). Please report it."
        AuthOutcome.StateExpired -> "The WeChat login took too long. Try again."
        else -> "WeChat login did not complete. Try again."
    }
}
