import Foundation
import XCTest

/// A test case with a `UserDefaults` domain of its own (the sample keeps the privacy
/// consent and the QA verdicts there), removed after each test.
class DefaultsTestCase: XCTestCase {
    private var suite = ""
    var defaults: UserDefaults!

    override func setUpWithError() throws {
        suite = "wxlogin.sample.tests.\(UUID().uuidString)"
        defaults = try XCTUnwrap(UserDefaults(suiteName: suite))
    }

    override func tearDown() {
        defaults.removePersistentDomain(forName: suite)
    }
}
