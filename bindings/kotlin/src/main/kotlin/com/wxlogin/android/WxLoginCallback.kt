package com.wxlogin.android

import com.wxlogin.core.WxLoginException

/**
 * The Java form of a `suspend` call of [WxLoginAndroid]: exactly one of the two methods is
 * called, on the glue's callback executor (the main thread on Android), unless the call
 * was cancelled first. Callbacks rather than `CompletableFuture` because the library's
 * minSdk (21) is below the API 24 that `CompletableFuture` needs.
 */
interface WxLoginCallback<T> {
    /** The call's result (`null` for calls that return nothing, such as `logout`). */
    fun onSuccess(result: T)

    /** The core's typed error; anything else the call threw arrives wrapped in one. */
    fun onFailure(error: WxLoginException)
}

/** Returned by every callback form: cancels the call; its callback is then never called. */
fun interface Cancellable {
    fun cancel()
}

/** Told of every change of the login flow, on the glue's callback executor. */
fun interface FlowStateListener {
    fun onFlowState(state: com.wxlogin.core.FlowState)
}
