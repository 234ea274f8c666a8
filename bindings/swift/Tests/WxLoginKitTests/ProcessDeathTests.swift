import Foundation
import WxLoginCore
import WxLoginKitTesting
import XCTest

/// The app is killed while the user is in WeChat; iOS launches it again with the
/// callback URL. The new core instance only has the store to go on.
final class ProcessDeathTests: XCTestCase {
    func testANewInstanceOverTheSameStoreValidatesTheCallback() throws {
        let deviceStorage = MemorySecureStore()
        var core: WxLogin? = try newCore(store: deviceStorage)
        let state = try core!.begin()
        core = nil

        let restarted = try newCore(store: deviceStorage)
        XCTAssertTrue(try restarted.isAuthPending())
        XCTAssertEqual(try restarted.onAuthResp(errCode: 0, code: "AFTER", state: state), .authorized(code: "AFTER"))

        // The SDK delivers the same response again to yet another instance.
        let again = try newCore(store: deviceStorage)
        XCTAssertEqual(try again.onAuthResp(errCode: 0, code: "AFTER", state: state), .duplicate)
    }

    func testAForgedStateAfterARestartIsStillAMismatch() throws {
        let deviceStorage = MemorySecureStore()
        let state = try newCore(store: deviceStorage).begin()
        let restarted = try newCore(store: deviceStorage)
        XCTAssertEqual(try restarted.onAuthResp(errCode: 0, code: "EVIL", state: String(state.reversed())), .stateMismatch)
        XCTAssertTrue(try restarted.isAuthPending())
    }

    func testTheStoreNeverHoldsTheCode() throws {
        let deviceStorage = MemorySecureStore()
        let core = try newCore(store: deviceStorage)
        let state = try core.begin()
        _ = try core.onAuthResp(errCode: 0, code: "CODE-NOT-FOR-DISK", state: state)
        let saved = deviceStorage.values.values.joined(separator: ",")
        XCTAssertFalse(saved.isEmpty)
        XCTAssertFalse(saved.contains("CODE-NOT-FOR-DISK"), saved)
    }
}
