import Foundation

/// The sample's configuration, from Info.plist (which takes it from the build settings
/// WECHAT_APP_ID, UNIVERSAL_LINK_HOST and WXLOGIN_SERVER_URL of project.yml).
struct SampleSettings {
    let appId: String
    let universalLink: String
    let serverUrl: String

    init(appId: String, universalLink: String, serverUrl: String) {
        self.appId = appId
        self.universalLink = universalLink
        self.serverUrl = serverUrl
    }

    init(bundle: Bundle) {
        appId = bundle.object(forInfoDictionaryKey: "WxLoginAppID") as? String ?? ""
        universalLink = bundle.object(forInfoDictionaryKey: "WxLoginUniversalLink") as? String ?? ""
        serverUrl = bundle.object(forInfoDictionaryKey: "WxLoginServerURL") as? String ?? ""
    }
}
