import Foundation
import WxLoginCore
import WxLoginKitTesting
import XCTest

/// onAuthResp through the generated Swift: what the SDK delegate's `onResp` calls.
final class AuthRespTests: XCTestCase {
    func testErrCodeZeroWithThePendingStateYieldsTheCodeOnce() throws {
        let core = try newCore()
        let state = try core.begin()
        XCTAssertTrue(try core.isAuthPending())
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "081AbC", state: state), .authorized(code: "081AbC"))
        XCTAssertFalse(try core.isAuthPending())
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "081AbC", state: state), .duplicate)
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "081XyZ", state: state), .replayed)
    }

    func testEveryErrCodeHasItsOwnOutcomeAndNoCode() throws {
        let expected: [(Int32, AuthOutcome)] = [
            (-1, .failed),
            (-2, .cancelled),
            (-3, .sendFailed),
            (-4, .denied),
            (-5, .unsupported),
            (-6, .signatureMismatch),
            (-42, .unknownErrCode(errCode: -42)),
            (3, .unknownErrCode(errCode: 3)),
        ]
        for (errCode, outcome) in expected {
            let core = try newCore()
            let state = try core.begin()
            XCTAssertEqual(try core.onAuthResp(errCode: errCode, code: nil, state: state), outcome, "errCode \(errCode)")
            XCTAssertFalse(try core.isAuthPending(), "errCode \(errCode) resolves the request")
            XCTAssertEqual(try core.onAuthResp(errCode: errCode, code: nil, state: state), .duplicate)
            // A code showing up later for the same state is a forgery, never a login.
            XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "CODE", state: state), .replayed)
        }
    }

    func testAWrongStateNeverYieldsACodeAndLeavesTheRequestOpen() throws {
        let core = try newCore()
        let state = try core.begin()
        let forged = String(state.reversed())
        XCTAssertNotEqual(forged, state)
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "EVIL", state: forged), .stateMismatch)
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "EVIL", state: String(state.dropLast())), .stateMismatch)
        XCTAssertEqual(try core.onAuthResp(errCode: -2, code: nil, state: forged), .stateMismatch)
        XCTAssertTrue(try core.isAuthPending())
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "REAL", state: state), .authorized(code: "REAL"))
    }

    func testMissingAndOversizedStates() throws {
        let core = try newCore()
        let state = try core.begin()
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "C", state: nil), .stateMissing)
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "C", state: ""), .stateMissing)
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "C", state: state + String(repeating: "x", count: 1024)), .stateOversized)
        XCTAssertTrue(try core.isAuthPending())
    }

    func testErrCodeZeroWithoutACodeUsesUpTheRequest() throws {
        let core = try newCore()
        let state = try core.begin()
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "", state: state), .missingCode)
        XCTAssertFalse(try core.isAuthPending())
    }

    func testACallbackWithNoRequestIsRefused() throws {
        XCTAssertEqual(try newCore().onAuthResp(errCode: 0, code: "C", state: "abcdef"), .noPendingRequest)
    }

    func testAnExpiredStateYieldsNoCode() throws {
        let core = try newCore(ttlMs: 40)
        let state = try core.begin()
        Thread.sleep(forTimeInterval: 0.08)
        XCTAssertFalse(try core.isAuthPending())
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "LATE", state: state), .stateExpired)
    }

    func testANewRequestReplacesTheOldOne() throws {
        let core = try newCore()
        let old = try core.begin()
        let new = try core.begin()
        XCTAssertNotEqual(old, new)
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "C", state: old), .duplicate)
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "C", state: new), .authorized(code: "C"))
    }

    func testStatesAreLongRandomAndAlphanumeric() throws {
        let core = try newCore()
        let states = Set(try (1 ... 200).map { _ in try core.begin() })
        XCTAssertEqual(states.count, 200)
        for state in states {
            XCTAssertTrue((22 ... 128).contains(state.count), state)
            XCTAssertTrue(state.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) }, state)
        }
    }

    func testNoRequestWithoutAUsableWeChat() throws {
        let core = try newCore()
        XCTAssertEqual(try core.beginAuth(availability: .notInstalled), .notInstalled)
        XCTAssertEqual(try core.beginAuth(availability: .outdated), .updateRequired)
        XCTAssertFalse(try core.isAuthPending())
    }

    func testAThrowingSwiftStoreBecomesAStorageError() throws {
        let core = try newCore(store: LockedStore())
        XCTAssertThrowsError(try core.onAuthResp(errCode: 0, code: "C", state: "abc")) { error in
            guard case let .Storage(reason) = error as? WxLoginError else {
                return XCTFail("expected WxLoginError.Storage, got \(error)")
            }
            XCTAssertTrue(reason.contains("keychain locked"), reason)
        }
    }

    func testBadConfigurationIsATypedError() {
        XCTAssertThrowsError(try WxLogin(config: WxLoginConfig(appId: "not-an-appid", platform: .ios), store: MemorySecureStore())) { error in
            guard case let .InvalidConfig(reason) = error as? WxLoginError else {
                return XCTFail("expected WxLoginError.InvalidConfig, got \(error)")
            }
            XCTAssertTrue(reason.contains("app_id"), reason)
        }
    }
}
