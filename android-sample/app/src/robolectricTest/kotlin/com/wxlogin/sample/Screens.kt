package com.wxlogin.sample

import android.app.Activity
import android.app.Application
import android.content.Intent
import android.os.Looper
import android.view.View
import android.view.ViewGroup
import android.widget.Button
import android.widget.EditText
import android.widget.TextView
import org.robolectric.Shadows.shadowOf

/**
 * Driving the sample's screens as a user would, on Robolectric's main looper. The core's
 * suspend calls finish on its own threads and resume on the main thread, so waiting means
 * running the main looper until the screen shows the result, within a deadline.
 */
object Screens {
    private const val TIMEOUT_MS = 20_000L

    /** Runs the main looper until [done] is true; fails with [what] after the deadline. */
    fun waitUntil(what: String, done: () -> Boolean) {
        val deadline = System.currentTimeMillis() + TIMEOUT_MS
        while (true) {
            shadowOf(Looper.getMainLooper()).idle()
            if (done()) return
            check(System.currentTimeMillis() < deadline) { "timed out waiting for $what" }
            Thread.sleep(10)
        }
    }

    /** The next Activity intent started (by anyone in the app) that [matches]; others are skipped. */
    fun nextStarted(app: Application, matches: (Intent) -> Boolean): Intent {
        var found: Intent? = null
        waitUntil("a started activity") {
            while (found == null) {
                val next = shadowOf(app).nextStartedActivity ?: break
                if (matches(next)) found = next
            }
            found != null
        }
        return found!!
    }

    fun nextStarted(app: Application, screen: Class<out Activity>): Intent =
        nextStarted(app) { it.component?.className == screen.name }

    fun Activity.views(): List<View> {
        val all = mutableListOf<View>()
        fun walk(v: View) {
            all += v
            if (v is ViewGroup) for (i in 0 until v.childCount) walk(v.getChildAt(i))
        }
        walk(window.decorView)
        return all
    }

    fun Activity.button(text: String): Button =
        views().filterIsInstance<Button>().singleOrNull { it.text.toString() == text }
            ?: error("no button \"$text\" on ${javaClass.simpleName}: ${texts()}")

    fun Activity.field(hint: String): EditText =
        views().filterIsInstance<EditText>().singleOrNull { it.hint?.toString() == hint }
            ?: error("no field \"$hint\" on ${javaClass.simpleName}")

    /** Every text on the screen, for assertions and failure messages. */
    fun Activity.texts(): List<String> =
        views().filterIsInstance<TextView>().filter { it !is EditText }.map { it.text.toString() }

    fun Activity.tap(text: String) {
        val b = button(text)
        check(b.isEnabled) { "button \"$text\" is disabled" }
        b.performClick()
        shadowOf(Looper.getMainLooper()).idle()
    }
}
