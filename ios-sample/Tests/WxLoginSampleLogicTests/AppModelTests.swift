import Foundation
import WxLoginCore
import WxLoginKit
import WxLoginKitTesting
@testable import WxLoginSampleLogic
import XCTest

/// The sample's model with a fake WeChat SDK and an in-memory store in place of the
/// Keychain; the login tests against the simulator and server scripts/swift-test.sh starts.
final class AppModelTests: DefaultsTestCase {
    private let universalLink = "https://app.example.com/wxlogin/"

    /// One launch of the app: the model over `store` (the device's Keychain) and `wechat`.
    @MainActor
    private func launch(
        wechat: FakeWeChat = FakeWeChat(),
        store: SecureStore = MemorySecureStore(),
        appId: String = "wx0123456789abcdef",
        serverUrl: String = "http://127.0.0.1:1"
    ) async -> AppModel {
        let consent = UserDefaultsPrivacyConsent(defaults: defaults)
        let settings = SampleSettings(appId: appId, universalLink: universalLink, serverUrl: serverUrl)
        let model = AppModel(settings: settings, consent: consent) { config in
            try WeChatLogin(config: config, store: store, wechat: wechat, consent: consent)
        }
        await model.launch?.value
        return model
    }

    @MainActor
    func testThePrivacyPolicyComesFirstAndTheSDKAfterIt() async throws {
        let wechat = FakeWeChat()
        let model = await launch(wechat: wechat)
        XCTAssertEqual(model.route, .consent)
        XCTAssertTrue(wechat.registrations.isEmpty)
        XCTAssertEqual(model.buttonPolicy, .hide)

        model.acceptPrivacyPolicy()
        await model.launch?.value
        XCTAssertEqual(model.route, .login)
        XCTAssertEqual(wechat.registrations.count, 1)
        XCTAssertEqual(wechat.registrations.first?.universalLink, universalLink)
        XCTAssertEqual(model.buttonPolicy, .show)
        XCTAssertNil(model.message)

        // The next launch remembers the consent and registers at once.
        let nextWeChat = FakeWeChat()
        let next = await launch(wechat: nextWeChat)
        XCTAssertEqual(next.route, .login)
        XCTAssertEqual(nextWeChat.registrations.count, 1)
    }

    @MainActor
    func testTheWeChatButtonFollowsTheInstalledApp() async throws {
        UserDefaultsPrivacyConsent(defaults: defaults).grant()
        let wechat = FakeWeChat(installed: false)
        let model = await launch(wechat: wechat)
        XCTAssertEqual(model.buttonPolicy, .hide)
        wechat.setInstalled(true)
        model.sceneDidBecomeActive()
        XCTAssertEqual(model.buttonPolicy, .show)
        wechat.setInstalled(true, supportsApi: false)
        model.sceneDidBecomeActive()
        XCTAssertEqual(model.buttonPolicy, .hide)
    }

    @MainActor
    func testAConfigurationTheCoreRefusesIsShown() async throws {
        let model = await launch(appId: "not-an-appid")
        XCTAssertNil(model.wechat)
        let setupError = try XCTUnwrap(model.setupError)
        XCTAssertTrue(setupError.hasPrefix("The core refused its configuration: Configuration error: "), setupError)
        XCTAssertTrue(setupError.contains("app_id"), setupError)
    }

    @MainActor
    func testDeclinedInWeChatSaysSoAndCancelledSaysNothing() async throws {
        UserDefaultsPrivacyConsent(defaults: defaults).grant()
        let wechat = FakeWeChat()
        let model = await launch(wechat: wechat)
        let login = try XCTUnwrap(model.wechat)
        var answer: Int32 = -4
        wechat.onSend = { [unowned login] request in
            let errCode = answer
            DispatchQueue.global().async {
                login.didReceiveAuthResponse(errCode: errCode, code: nil, state: request.state)
            }
        }
        await model.signInWithWeChat()
        XCTAssertEqual(model.route, .login)
        XCTAssertEqual(model.message, "You declined in WeChat. Use another way to sign in.")
        XCTAssertFalse(model.busy)

        model.message = nil
        answer = -2
        await model.signInWithWeChat()
        XCTAssertEqual(model.route, .login)
        XCTAssertNil(model.message)
    }

    @MainActor
    func testNoServerIsANetworkMessage() async throws {
        UserDefaultsPrivacyConsent(defaults: defaults).grant()
        let model = await launch()
        await model.signInWithPhone(mobile: "13900000000", captcha: "123456")
        XCTAssertEqual(model.route, .login)
        XCTAssertEqual(model.message, "No connection. Check the network and try again.")
    }

    /// WeChat login → the forced bind-phone page → captcha → signed in; then a new launch
    /// over the same Keychain shows the account at once and the server confirms it.
    @MainActor
    func testWeChatLoginBindPhoneAndTheNextLaunch() async throws {
        let live = try LiveServices.fromEnvironment()
        let user = LiveServices.newUser("sample")
        let nickname = "小红 \(user)"
        try await live.setNickname(user: user, nickname)
        let mobile = LiveServices.newMobile()
        let keychain = MemorySecureStore()
        UserDefaultsPrivacyConsent(defaults: defaults).grant()

        let wechat = FakeWeChat()
        let model = await launch(wechat: wechat, store: keychain, appId: live.appId, serverUrl: live.serverUrl)
        XCTAssertEqual(model.route, .login)
        let login = try XCTUnwrap(model.wechat)
        wechat.answerOnSimulator(live, user: user, login: login) { error in
            XCTFail("the simulator did not authorize: \(error)")
        }
        await model.signInWithWeChat()
        XCTAssertNil(model.message)
        guard case let .bindPhone(ticket, profile) = model.route else {
            return XCTFail("expected the bind-phone page, got \(model.route)")
        }
        XCTAssertEqual(profile.nickname, nickname)

        let sent = await model.requestCaptcha(mobile: mobile, purpose: .bind)
        XCTAssertNotNil(sent)
        let captcha = try await live.lastCaptcha(mobile: mobile)
        await model.bindPhone(ticket: ticket, mobile: mobile, captcha: captcha)
        XCTAssertNil(model.message)
        guard case let .signedIn(account) = model.route else {
            return XCTFail("expected signed in, got \(model.route)")
        }
        XCTAssertEqual(account.mobile, mobile)
        XCTAssertEqual(account.wechatName, nickname)
        // The model follows the core's flow through the glue's `flowStates`.
        for _ in 0..<500 where model.flow != .signedIn(account: account) {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        XCTAssertEqual(model.flow, .signedIn(account: account))

        let relaunched = await launch(store: keychain, appId: live.appId, serverUrl: live.serverUrl)
        XCTAssertNil(relaunched.message)
        guard case let .signedIn(resumed) = relaunched.route else {
            return XCTFail("expected signed in after the relaunch, got \(relaunched.route)")
        }
        XCTAssertEqual(resumed.id, account.id)

        await relaunched.signOut()
        XCTAssertEqual(relaunched.route, .login)
        XCTAssertNil(try relaunched.wechat?.core.currentAccount())
    }
}
