package com.wxlogin.android

import com.wxlogin.core.SecureStore
import com.wxlogin.core.WxLoginException

/**
 * The app's [SecureStore] as the core sees it. A failure crosses the FFI as text only
 * (the Rust core cannot hold a JVM object), so this adapter remembers the last few
 * exceptions the store threw, and [attachCause] gives a `Storage` error that comes back
 * out of the core the store's own exception as `cause`: the reason the core reports
 * contains the short description made here, which is how the two are matched.
 */
internal class CauseKeepingStore(private val store: SecureStore) : SecureStore {
    private val recent = ArrayDeque<Pair<String, Throwable>>()

    override fun get(key: String): String? = guard { store.get(key) }

    override fun set(key: String, value: String) = guard { store.set(key, value) }

    override fun delete(key: String) = guard { store.delete(key) }

    /** Sets `cause` of [error] to the store exception its reason names, if one is remembered. */
    fun attachCause(error: WxLoginException.Storage) {
        if (error.cause != null) return
        val reason = error.reason
        val cause = synchronized(recent) { recent.lastOrNull { reason.contains(it.first) }?.second }
        if (cause != null) error.initCause(cause)
    }

    private inline fun <T> guard(call: () -> T): T = try {
        call()
    } catch (e: Exception) {
        val description = describe(e)
        synchronized(recent) {
            recent.addLast(description to e)
            while (recent.size > KEPT) recent.removeFirst()
        }
        throw WxLoginException.Storage(description)
    }

    /** The class and message, not the stack trace: the trace stays in `cause`. */
    private fun describe(e: Exception): String = when (e) {
        is WxLoginException.Storage -> e.reason
        else -> "${e.javaClass.name}: ${e.message}"
    }

    private companion object {
        /** Failures of concurrent calls; older ones have been reported by then. */
        const val KEPT = 8
    }
}
