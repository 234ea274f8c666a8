package com.wxlogin.android

import android.os.Handler
import android.os.Looper
import java.util.concurrent.Executor

/**
 * Posts to the main looper: the default callback executor of [WxLoginAndroid], so that
 * Java callbacks and flow listeners may touch views. Created on first use, so a JVM test
 * that passes its own executor never reaches the Android runtime.
 */
internal object MainThreadExecutor : Executor {
    private val handler by lazy { Handler(Looper.getMainLooper()) }

    override fun execute(command: Runnable) {
        handler.post(command)
    }
}
