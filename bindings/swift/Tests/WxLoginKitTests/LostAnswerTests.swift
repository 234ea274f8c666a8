import Foundation
import WxLoginCore
import WxLoginKitTesting
import XCTest

/// The answer to a resume was lost (the phone went into a tunnel after the server
/// rotated the token): the app still holds the old token, and must stay signed in.
///
/// The server's two-phase rotation keeps the old token working until the new one is
/// first used. The lost answer is played by a copy of the store taken before the
/// resume: a new core over it holds the old token, as the phone whose answer never came.
final class LostAnswerTests: XCTestCase {
    func testAResumeWhoseAnswerWasLostKeepsTheSession() async throws {
        let live = try LiveServices.fromEnvironment()
        let store = MemorySecureStore()
        let account = try await signInWithPhone(live, store: store)

        let beforeResume = store.copy()
        let answered = try WxLogin(config: live.config(), store: store)
        let rotated = try await answered.resumeSession()
        XCTAssertEqual(rotated.id, account.id)
        XCTAssertNotEqual(store.values, beforeResume.values, "the resume did not rotate the token")

        // The phone that never got the answer resumes with the old token: still signed in,
        // and its own new token works from then on.
        let lost = try WxLogin(config: live.config(), store: beforeResume)
        let resumed = try await lost.resumeSession()
        XCTAssertEqual(resumed.id, account.id)
        XCTAssertEqual(try lost.currentAccount()?.id, account.id)
        let again = try await lost.resumeSession()
        XCTAssertEqual(again.id, account.id)

        // Its token was used first, so the answer nobody received is worthless now.
        do {
            _ = try await answered.resumeSession()
            XCTFail("the rotated-away token of the lost answer still works")
        } catch let error as WxLoginError {
            guard case .NotSignedIn = error else {
                return XCTFail("expected NotSignedIn, got \(error)")
            }
        }
        XCTAssertNil(try answered.currentAccount())
        XCTAssertEqual(try lost.currentAccount()?.id, account.id)
    }

    private func signInWithPhone(_ live: LiveServices, store: SecureStore) async throws -> Account {
        let core = try WxLogin(config: live.config(), store: store)
        let mobile = LiveServices.newMobile()
        _ = try await core.requestCaptcha(mobile: mobile, purpose: .login)
        let captcha = try await live.lastCaptcha(mobile: mobile)
        return try await core.loginWithPhone(mobile: mobile, captcha: captcha)
    }
}

extension MemorySecureStore {
    /// Another store holding what this one holds now.
    func copy() -> MemorySecureStore {
        let copy = MemorySecureStore()
        for (key, value) in values {
            try? copy.set(key: key, value: value)
        }
        return copy
    }
}
