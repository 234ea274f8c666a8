package com.wxlogin.sample

import android.app.Activity
import android.app.AlertDialog
import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.graphics.Color
import android.net.Uri
import android.text.InputType
import android.view.View
import android.widget.Button
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.TextView
import com.wxlogin.android.WxLoginAndroid
import com.wxlogin.core.CaptchaPurpose
import com.wxlogin.core.FlowState
import com.wxlogin.core.WxLoginInterface
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job
import kotlinx.coroutines.MainScope
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * The screens' common part: a coroutine scope on the main thread that ends with the
 * Activity (the core's suspend calls run in it; leaving the screen cancels them), the flow
 * line, and views built in code (no layouts, no R, no AndroidX).
 */
abstract class SampleActivity : Activity() {
    /** Dispatchers.Main (kotlinx-coroutines-android), cancelled in onDestroy. */
    protected val scope = MainScope()

    protected val app: SampleApp get() = application as SampleApp
    protected val wx: WxLoginAndroid get() = app.requireWxLogin()
    protected val core: WxLoginInterface get() = wx.core

    /** The last message for the user (errors, "code sent" …). */
    protected lateinit var status: TextView

    /** The core's flow state, from the glue's StateFlow. */
    private var flowLine: TextView? = null

    /** Collects [WxLoginAndroid.flowState] while the screen is in front. */
    private var flowJob: Job? = null

    override fun onResume() {
        super.onResume()
        // A StateFlow starts with the current state: a recreated screen shows it at once.
        flowJob = app.wxLoginOrNull?.let { wx -> scope.launch { wx.flowState.collect(::showFlow) } }
    }

    override fun onPause() {
        flowJob?.cancel()
        flowJob = null
        super.onPause()
    }

    override fun onDestroy() {
        scope.cancel()
        super.onDestroy()
    }

    private fun showFlow(state: FlowState) {
        flowLine?.text = "Flow: " + when (state) {
            FlowState.Idle -> "idle"
            FlowState.WaitingForWechat -> "waiting for WeChat"
            FlowState.Exchanging -> "exchanging the WeChat code"
            is FlowState.NeedsPhone -> "bind a phone to ${state.wechat.nickname}"
            is FlowState.SignedIn -> "signed in (#${state.account.id})"
        }
    }

    /**
     * Runs [block] in [scope] with [disable] disabled meanwhile (no double taps); errors go
     * to [onError]. Leaving the screen cancels it (the core then drops the call's result;
     * a pending WeChat request stays pending, see [PendingWechat]).
     */
    protected fun launchUi(vararg disable: View, block: suspend () -> Unit): Job = scope.launch {
        disable.forEach { it.isEnabled = false }
        try {
            block()
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            onError(e)
        } finally {
            disable.forEach { it.isEnabled = true }
        }
    }

    protected open fun onError(error: Exception) {
        status.text = ErrorText.describe(error)
    }

    /** Replaces the task with [screen]: login and signed-in are roots, not a back stack. */
    protected fun switchTo(screen: Class<out Activity>) {
        startActivity(Intent(this, screen).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TASK))
        finish()
    }

    /** Android policy: the button stays; a tap without a usable WeChat guides the install. */
    protected fun promptInstallWechat(update: Boolean) {
        AlertDialog.Builder(this)
            .setTitle(if (update) "Update WeChat" else "WeChat is not installed")
            .setMessage(
                if (update) {
                    "Your WeChat is too old for WeChat login. Update it, or sign in with your phone number."
                } else {
                    "Install WeChat to sign in with it, or sign in with your phone number."
                },
            )
            .setPositiveButton(if (update) "Update" else "Install") { _, _ -> openWechatStorePage() }
            .setNegativeButton("Not now", null)
            .show()
    }

    private fun openWechatStorePage() {
        val store = Intent(Intent.ACTION_VIEW, Uri.parse("market://details?id=$WECHAT_PACKAGE"))
        try {
            startActivity(store)
        } catch (e: ActivityNotFoundException) {
            startActivity(Intent(Intent.ACTION_VIEW, Uri.parse("https://weixin.qq.com/")))
        }
    }

    // Views built in code.

    protected fun page(build: LinearLayout.() -> Unit) {
        val column = vertical()
        column.build()
        flowLine = column.label("", 12f)
        status = column.label("", 14f)
        status.setTextColor(Color.rgb(0xB0, 0x20, 0x20))
        setContentView(ScrollView(this).apply { addView(column) })
    }

    protected fun vertical(): LinearLayout = LinearLayout(this).apply {
        orientation = LinearLayout.VERTICAL
        val p = dp(16)
        setPadding(p, p, p, p)
    }

    protected fun dp(value: Int): Int = (value * resources.displayMetrics.density).toInt()

    protected fun LinearLayout.label(text: CharSequence, sizeSp: Float = 16f): TextView =
        TextView(context).also {
            it.text = text
            it.textSize = sizeSp
            it.setPadding(0, dp(4), 0, dp(4))
            addView(it, fullWidth())
        }

    protected fun LinearLayout.button(text: CharSequence, onClick: (Button) -> Unit): Button =
        Button(context).also { button ->
            button.text = text
            button.setOnClickListener { onClick(button) }
            addView(button, fullWidth())
        }

    protected fun LinearLayout.field(hint: String, inputType: Int): EditText =
        EditText(context).also {
            it.hint = hint
            it.inputType = inputType
            it.setSingleLine(true)
            addView(it, fullWidth())
        }

    private fun fullWidth() =
        LinearLayout.LayoutParams(LinearLayout.LayoutParams.MATCH_PARENT, LinearLayout.LayoutParams.WRAP_CONTENT)

    /** Phone number, "Send code" with the server's cooldown, and the SMS code. */
    protected class CaptchaForm(val mobile: EditText, val captcha: EditText) {
        val mobileText: String get() = mobile.text.toString().trim()
        val captchaText: String get() = captcha.text.toString().trim()
    }

    protected fun LinearLayout.captchaForm(purpose: CaptchaPurpose): CaptchaForm {
        val mobile = field("Phone number", InputType.TYPE_CLASS_PHONE)
        button("Send code") { send ->
            launchUi(send) {
                val sent = wx.requestCaptcha(mobile.text.toString().trim(), purpose)
                status.text = "Code sent; valid for ${sent.expiresInS / 60} min."
                scope.launch {
                    for (left in sent.cooldownS downTo 1) {
                        send.isEnabled = false
                        send.text = "Send again (${left}s)"
                        delay(1000)
                    }
                    send.text = "Send code"
                    send.isEnabled = true
                }
            }
        }
        val captcha = field("SMS code", InputType.TYPE_CLASS_NUMBER)
        return CaptchaForm(mobile, captcha)
    }

    companion object {
        const val WECHAT_PACKAGE = "com.tencent.mm"
    }
}

/**
 * The purpose of a WeChat request that went out ("login" or "bind"), kept across process
 * death: when the user comes back from WeChat to a re-created screen (the process was
 * killed meanwhile, or the Activity was), the screen resumes the wait for the outcome,
 * which the core kept in its store.
 */
class PendingWechat(context: Context) {
    private val prefs = context.getSharedPreferences("wxlogin_sample", Context.MODE_PRIVATE)

    var purpose: String?
        get() = prefs.getString(KEY, null)
        set(value) {
            prefs.edit().putString(KEY, value).commit()
        }

    companion object {
        private const val KEY = "pending_wechat_purpose"
        const val LOGIN = "login"
        const val BIND = "bind"
    }
}
