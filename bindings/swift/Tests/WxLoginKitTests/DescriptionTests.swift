import Foundation
import WxLoginCore
import WxLoginKit
import XCTest

/// What `print(value)`, `"\(value)"` and `os_log` show: the generated types' description
/// is the core's Rust `Debug` (or `Display` for errors), which redacts. No code, state,
/// bind ticket, phone number, openid or unionid may appear; the values stay readable
/// through their fields.
final class DescriptionTests: XCTestCase {
    private let code = "081SecretCodeAbC"
    private let state = "StateValue0123456789abcdefABCDEF"
    private let ticket = "bt_SecretTicket42"
    private let mobile = "13812345678"
    private let openId = "oOpenId_secret_1"
    private let unionId = "oUnionId_secret_2"

    private var account: Account {
        Account(
            id: 7, mobile: mobile, account: nil, isBindWechat: true, wechatName: "小明",
            wechatAvatarUrl: "https://api.example/avatars/a1", wechatOpenId: openId,
            wechatUnionId: unionId, isBindAvatar: true
        )
    }

    private func assertNoSecret(_ value: Any, file: StaticString = #filePath, line: UInt = #line) {
        for shown in [String(describing: value), String(reflecting: value)] {
            for secret in [code, state, ticket, mobile, openId, unionId] {
                XCTAssertFalse(shown.contains(secret), "prints a secret: \(shown)", file: file, line: line)
            }
        }
    }

    func testSecretHoldingValuesPrintRedacted() {
        let profile = WechatProfile(nickname: "小明", avatarUrl: nil)
        let values: [Any] = [
            AuthOutcome.authorized(code: code),
            AuthStart.request(scope: "snsapi_userinfo", state: state),
            LoginResult.needsPhone(bindTicket: ticket, wechat: profile, expiresInS: 600),
            LoginResult.signedIn(account: account),
            account,
            WebAuthRequest(url: "https://open.weixin.qq.com/connect/qrconnect?state=\(state)", state: state),
            FlowState.signedIn(account: account),
            FlowState.needsPhone(wechat: profile, bindTicket: ticket, expiresAtMs: 1_800_000_000_000),
        ]
        for value in values {
            assertNoSecret(value)
        }
        XCTAssertTrue("\(account)".contains("138****5678"), "\(account)")
        XCTAssertEqual(account.mobile, mobile)
        guard case let .authorized(kept) = AuthOutcome.authorized(code: code) else {
            return XCTFail("not authorized")
        }
        XCTAssertEqual(kept, code)
    }

    func testCaseWithoutValuesPrintsItsName() {
        XCTAssertEqual("\(AuthOutcome.cancelled)", "Cancelled")
        XCTAssertEqual("\(FlowState.idle)", "Idle")
    }

    func testErrorsSayWhatHappened() throws {
        let core = try newCore()
        do {
            _ = try core.parseWebRedirect(url: "not a url")
            XCTFail("parsed")
        } catch let error as WxLoginError {
            XCTAssertTrue("\(error)".hasPrefix("not a WeChat redirect: "), "\(error)")
        }
        XCTAssertEqual("\(WxLoginError.NotSignedIn(reason: "not signed in"))", "not signed in")
        XCTAssertEqual("\(WxLoginError.RateLimited(retryAfterS: 42))", "rate limited, retry in 42 s")
    }
}
