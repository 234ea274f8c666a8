import Foundation
import WxLoginCore
import WxLoginKit
@testable import WxLoginSampleLogic
import XCTest

/// What the user reads for the errors whose wording carries information.
final class ErrorTextTests: XCTestCase {
    func testMessagesCarryWhatTheUserNeeds() {
        XCTAssertEqual(ErrorText.describe(WxLoginError.RateLimited(retryAfterS: 42) as Error), "Too many requests. Try again in 42 s.")
        XCTAssertEqual(ErrorText.describe(WxLoginError.BindingRefused(conflict: .phoneHasOtherWechat) as Error),
                       "This phone number's account is already bound to another WeChat.")
        XCTAssertEqual(ErrorText.describe(WxLoginKitError.privacyConsentRequired as Error), "Accept the privacy policy to use WeChat login.")
        XCTAssertEqual(ErrorText.describe(AuthOutcome.denied), "You declined in WeChat. Use another way to sign in.")
    }

    func testEveryBindingConflictHasItsOwnMessage() {
        let conflicts: [BindingConflict] = [.phoneHasOtherWechat, .accountHasOtherWechat, .wechatHasOtherAccount, .accountHasOtherPhone, .phoneHasOtherAccount]
        XCTAssertEqual(Set(conflicts.map(ErrorText.describe)).count, conflicts.count)
    }
}
