import Foundation
import WxLoginCore
@testable import WxLoginSampleLogic
import XCTest

/// The QA screen's verdicts and the report the tester shares, over the core's 18 cases.
final class QAResultsTests: DefaultsTestCase {
    @MainActor
    func testVerdictsAndNotesSurviveTheAppBeingKilled() async throws {
        let cases = qaCases()
        XCTAssertEqual(cases.count, 18)
        let results = QAResults(defaults: defaults)
        XCTAssertEqual(results.summary(of: cases), "18 cases · 0 pass · 0 fail · 18 not run")
        results.setVerdict(.pass, for: 1)
        results.setVerdict(.fail, for: 12)
        results.setNote("iPhone 12, WeChat 8.0.50", for: 12)

        let relaunched = QAResults(defaults: defaults)
        XCTAssertEqual(relaunched.verdict(1), .pass)
        XCTAssertEqual(relaunched.verdict(12), .fail)
        XCTAssertEqual(relaunched.verdict(2), .notRun)
        XCTAssertEqual(relaunched.note(12), "iPhone 12, WeChat 8.0.50")
        XCTAssertEqual(relaunched.summary(of: cases), "18 cases · 1 pass · 1 fail · 16 not run")

        relaunched.reset()
        XCTAssertEqual(QAResults(defaults: defaults).summary(of: cases), "18 cases · 0 pass · 0 fail · 18 not run")
    }

    @MainActor
    func testTheReportHasAHeaderTheSummaryAndARowPerCase() async throws {
        let cases = qaCases()
        let results = QAResults(defaults: defaults)
        results.setVerdict(.fail, for: 5)
        results.setNote("first line\nsecond | with a pipe", for: 5)
        let date = Date(timeIntervalSince1970: 1_735_787_045) // 2025-01-02T03:04:05Z
        let report = results.report(of: cases, app: "App 0.1.0 (1)", device: "iPhone · iOS 17.4", date: date)
        let lines = report.components(separatedBy: "\n")

        XCTAssertEqual(lines[0], "# wxlogin device QA report")
        XCTAssertEqual(lines[2], "App 0.1.0 (1) · iPhone · iOS 17.4 · 2025-01-02T03:04:05Z")
        XCTAssertEqual(lines[4], "18 cases · 0 pass · 1 fail · 17 not run")
        XCTAssertEqual(lines[6], "| # | case | area | result | note |")
        let rows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| # ") }
        XCTAssertEqual(rows.count, 18)
        XCTAssertTrue(report.hasSuffix("|\n"))
        let fifth = try XCTUnwrap(cases.first { $0.id == 5 })
        // The note stays on its row: a newline or a pipe would break the Markdown table.
        XCTAssertTrue(rows.contains("| 5 | \(fifth.titleZh) / \(fifth.titleEn) | \(QAResults.areaName(fifth.area)) | Fail | first line second / with a pipe |"), report)
        XCTAssertTrue(rows.allSatisfy { $0.components(separatedBy: " | ").count == 5 }, report)
    }

    func testEveryAreaHasAName() {
        let names = [QaArea.binding, .wechatLogin, .install, .network, .failure].map(QAResults.areaName)
        XCTAssertEqual(names, ["binding", "WeChat login", "install", "network", "failure"])
    }
}
