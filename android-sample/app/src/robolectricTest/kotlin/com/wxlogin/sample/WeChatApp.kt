package com.wxlogin.sample

import android.app.Application
import android.content.Intent
import android.content.pm.ApplicationInfo
import android.content.pm.PackageInfo
import android.content.pm.Signature
import android.os.Bundle
import com.tencent.mm.opensdk.channel.MMessageActV2
import com.tencent.mm.opensdk.constants.Build
import com.tencent.mm.opensdk.constants.ConstantsAPI
import com.tencent.mm.opensdk.modelbase.BaseResp
import com.tencent.mm.opensdk.modelmsg.SendAuth
import org.robolectric.Shadows.shadowOf

/**
 * The WeChat app, as far as the sample can see it on a phone (it cannot exist here):
 *
 * - installed as `com.tencent.mm`, signed with Tencent's certificate and declaring the
 *   OpenSDK version it supports: what the SDK's `isWXAppInstalled()`, `registerApp()` and
 *   `getWXAppSupportAPI()` read from the package manager;
 * - it receives the SDK's `SendAuth.Req` as the intent that starts its activity;
 * - it answers with a `SendAuth.Resp` sent the way the SDK sends messages between apps
 *   (`MMessageActV2.send`: the response's `toBundle()`, WeChat's token, the checksum),
 *   which starts the app's `<applicationId>.wxapi.WXEntryActivity`.
 */
object WeChatApp {
    const val PACKAGE = "com.tencent.mm"

    fun install(app: Application) {
        val info = PackageInfo().also { info ->
            info.packageName = PACKAGE
            @Suppress("DEPRECATION")
            info.signatures = arrayOf(Signature(TENCENT_CERTIFICATE))
            info.applicationInfo = ApplicationInfo().also {
                it.packageName = PACKAGE
                it.metaData = Bundle().apply { putInt("com.tencent.mm.BuildInfo.OPEN_SDK_VERSION", Build.SDK_INT) }
            }
        }
        shadowOf(app.packageManager).installPackage(info)
    }

    /** The `SendAuth.Req` the app sent to WeChat (the intent that started WeChat's activity). */
    fun receivedAuthRequest(app: Application): SendAuth.Req {
        val intent = Screens.nextStarted(app) { it.component?.packageName == PACKAGE }
        return SendAuth.Req(intent.extras ?: error("the intent to WeChat has no extras"))
    }

    /** What the user's confirmation in WeChat sends back: errCode 0, the code, the request's state. */
    fun authorized(code: String, state: String): SendAuth.Resp = SendAuth.Resp().also {
        it.errCode = BaseResp.ErrCode.ERR_OK
        it.code = code
        it.state = state
    }

    /**
     * Sends [resp] to the app as WeChat does and returns the intent that starts its
     * WXEntryActivity. [fromWeChat] false leaves WeChat's token out: another app sending
     * the same content.
     */
    fun send(app: Application, resp: BaseResp, fromWeChat: Boolean = true): Intent {
        val bundle = Bundle()
        resp.toBundle(bundle)
        if (fromWeChat) bundle.putString(ConstantsAPI.Token.WX_TOKEN_KEY, ConstantsAPI.Token.WX_TOKEN_VALUE_MSG)
        val args = MMessageActV2.Args().also {
            it.targetPkgName = app.packageName
            it.content = "weixin://sendresp?appid=" + BuildConfig.WECHAT_APP_ID
            it.bundle = bundle
        }
        check(MMessageActV2.send(app, args)) { "MMessageActV2.send refused the response" }
        return Screens.nextStarted(app) { it.component?.className?.endsWith(".wxapi.WXEntryActivity") == true }
    }

    /** The `registerApp` broadcasts the SDK sent to WeChat (their `weixin://registerapp?appid=` content). */
    fun registrations(app: Application): List<String?> =
        shadowOf(app).broadcastIntents
            .filter { it.action == ConstantsAPI.ACTION_HANDLE_APP_REGISTER }
            .map { it.getStringExtra("_mmessage_content") }

    /**
     * The certificate the WeChat APK is signed with (public: every installed WeChat shows it),
     * which the SDK compares with the installed `com.tencent.mm`'s signature.
     */
    private const val TENCENT_CERTIFICATE =
        "308202eb30820254a00302010202044d36f7a4300d06092a864886f70d01010505003081b9310b30090603550406130238" +
            "3631123010060355040813094775616e67646f6e673111300f060355040713085368656e7a68656e3135303306035504" +
            "0a132c54656e63656e7420546563686e6f6c6f6779285368656e7a68656e2920436f6d70616e79204c696d6974656431" +
            "3a3038060355040b133154656e63656e74204775616e677a686f7520526573656172636820616e6420446576656c6f70" +
            "6d656e742043656e7465723110300e0603550403130754656e63656e74301e170d3131303131393134333933325a170d" +
            "3431303131313134333933325a3081b9310b300906035504061302383631123010060355040813094775616e67646f6e" +
            "673111300f060355040713085368656e7a68656e31353033060355040a132c54656e63656e7420546563686e6f6c6f67" +
            "79285368656e7a68656e2920436f6d70616e79204c696d69746564313a3038060355040b133154656e63656e74204775" +
            "616e677a686f7520526573656172636820616e6420446576656c6f706d656e742043656e7465723110300e0603550403" +
            "130754656e63656e7430819f300d06092a864886f70d010101050003818d0030818902818100c05f34b231b083fb1323" +
            "670bfbe7bdab40c0c0a6efc87ef2072a1ff0d60cc67c8edb0d0847f210bea6cbfaa241be70c86daf56be08b723c859e5" +
            "2428a064555d80db448cdcacc1aea2501eba06f8bad12a4fa49d85cacd7abeb68945a5cb5e061629b52e3254c373550e" +
            "e4e40cb7c8ae6f7a8151ccd8df582d446f39ae0c5e930203010001300d06092a864886f70d0101050500038181009c8d" +
            "9d7f2f908c42081b4c764c377109a8b2c70582422125ce545842d5f520aea69550b6bd8bfd94e987b75a3077eb04ad34" +
            "1f481aac266e89d3864456e69fba13df018acdc168b9a19dfd7ad9d9cc6f6ace57c746515f71234df3a053e33ba93ece" +
            "5cd0fc15f3e389a3f365588a9fcb439e069d3629cd7732a13fff7b891499"
}
