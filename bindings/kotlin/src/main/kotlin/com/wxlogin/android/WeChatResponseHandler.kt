package com.wxlogin.android

import com.tencent.mm.opensdk.modelbase.BaseResp
import com.tencent.mm.opensdk.modelmsg.SendAuth
import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.WxLoginException
import com.wxlogin.core.WxLoginInterface

/**
 * Passes the WeChat SDK's response to the core. Plain Kotlin over the SDK's model classes
 * (no `android.*`), so it runs and is tested on a desktop JVM.
 */
class WeChatResponseHandler internal constructor(
    private val core: WxLoginInterface,
    private val onError: (WxLoginException) -> WxLoginException,
) {
    constructor(core: WxLoginInterface) : this(core, { it })

    /**
     * The core's outcome for a `SendAuth.Resp` (also delivered to `core.awaitOutcome()`),
     * or null for any other response (share, pay, mini program ...), which is ignored.
     * Throws `WxLoginException` only (e.g. `Storage` for a locked secure store): whatever
     * else the call let out arrives wrapped in one.
     */
    @Throws(WxLoginException::class)
    fun handle(resp: BaseResp): AuthOutcome? {
        if (resp !is SendAuth.Resp) return null
        return try {
            core.onAuthResp(resp.errCode, resp.code, resp.state)
        } catch (e: Exception) {
            throw onError(typed(e))
        }
    }
}
