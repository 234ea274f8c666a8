package com.wxlogin.android

import com.tencent.mm.opensdk.modelbase.BaseResp
import com.tencent.mm.opensdk.modelmsg.SendAuth
import com.wxlogin.core.AuthOutcome
import com.wxlogin.core.WxLoginInterface

/**
 * Passes the WeChat SDK's response to the core. Plain Kotlin over the SDK's model classes
 * (no `android.*`), so it runs and is tested on a desktop JVM.
 */
class WeChatResponseHandler(private val core: WxLoginInterface) {
    /**
     * The core's outcome for a `SendAuth.Resp` (also delivered to `core.awaitOutcome()`),
     * or null for any other response (share, pay, mini program ...), which is ignored.
     * Throws what `onAuthResp` throws (`WxLoginException`, e.g. a locked secure store).
     */
    fun handle(resp: BaseResp): AuthOutcome? {
        if (resp !is SendAuth.Resp) return null
        return core.onAuthResp(resp.errCode, resp.code, resp.state)
    }
}
