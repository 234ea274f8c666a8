package com.wxlogin.android

import com.wxlogin.core.WxLoginException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import java.nio.charset.CharacterCodingException
import java.util.concurrent.Executor
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Runs a `suspend` call for a [WxLoginCallback] and delivers its end on [executor].
 * The core's calls do not block a thread while they wait (UniFFI polls the Rust future),
 * so [Dispatchers.Default] only carries the short steps between waits.
 */
internal class CallbackRunner(private val executor: Executor) {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    fun <T> run(callback: WxLoginCallback<T>, call: suspend () -> T): Cancellable {
        val cancelled = AtomicBoolean(false)
        val job = scope.launch {
            val result = try {
                Result.success(call())
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                Result.failure(typed(e))
            }
            executor.execute {
                // A cancel() that ran before this point wins: the app was told nothing more comes.
                if (!cancelled.get()) {
                    result.fold({ callback.onSuccess(it) }, { callback.onFailure(it as WxLoginException) })
                }
            }
        }
        return Cancellable {
            cancelled.set(true)
            job.cancel()
        }
    }
}

/**
 * The core's own error as it is; anything else a call let out (a string the generated
 * converter cannot encode, a bug) as a typed error that keeps the original as `cause`.
 */
internal fun typed(e: Exception): WxLoginException = when (e) {
    is WxLoginException -> e
    is CharacterCodingException -> WxLoginException.InvalidInput("text that is not valid UTF-16 (a lone surrogate)")
        .also { it.initCause(e) }
    else -> WxLoginException.Internal("${e.javaClass.name}: ${e.message}").also { it.initCause(e) }
}
