#if canImport(Combine)
import Combine
#endif
import Foundation
import WxLoginCore

/// A tester's verdict on one QA case.
enum QAVerdict: String, CaseIterable, Codable {
    case notRun
    case pass
    case fail

    var title: String {
        switch self {
        case .notRun:
            return "Not run"
        case .pass:
            return "Pass"
        case .fail:
            return "Fail"
        }
    }
}

/// The tester's verdicts and notes, kept in UserDefaults so a session of testing
/// survives the app being killed (which some cases do on purpose).
@MainActor
final class QAResults: ObservableObject {
    private struct Entry: Codable {
        var verdict: QAVerdict = .notRun
        var note: String = ""
    }

    @Published private var entries: [Int32: Entry]
    private let defaults: UserDefaults
    private static let key = "wxlogin.sample.qaResults.v1"

    init(defaults: UserDefaults = .standard) {
        self.defaults = defaults
        if let data = defaults.data(forKey: Self.key),
           let saved = try? JSONDecoder().decode([Int32: Entry].self, from: data) {
            entries = saved
        } else {
            entries = [:]
        }
    }

    func verdict(_ id: Int32) -> QAVerdict {
        entries[id]?.verdict ?? .notRun
    }

    func note(_ id: Int32) -> String {
        entries[id]?.note ?? ""
    }

    func setVerdict(_ verdict: QAVerdict, for id: Int32) {
        entries[id, default: Entry()].verdict = verdict
        save()
    }

    func setNote(_ note: String, for id: Int32) {
        entries[id, default: Entry()].note = note
        save()
    }

    func reset() {
        entries = [:]
        save()
    }

    func summary(of cases: [QaCase]) -> String {
        let passed = cases.filter { verdict($0.id) == .pass }.count
        let failed = cases.filter { verdict($0.id) == .fail }.count
        return "\(cases.count) cases · \(passed) pass · \(failed) fail · \(cases.count - passed - failed) not run"
    }

    /// Markdown: a header with app, device and date, the summary, one table row per case.
    /// `app` and `device` are what the tester's phone says (QAView fills them in from
    /// the bundle and `UIDevice`), e.g. "App 0.1.0 (1)" and "iPhone · iOS 17.4".
    func report(of cases: [QaCase], app: String, device: String, date: Date = Date()) -> String {
        var lines = [
            "# wxlogin device QA report",
            "",
            "\(app) · \(device) · \(ISO8601DateFormatter().string(from: date))",
            "",
            summary(of: cases),
            "",
            "| # | case | area | result | note |",
            "|---|---|---|---|---|",
        ]
        for qaCase in cases {
            let note = self.note(qaCase.id).replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "/")
            lines.append("| \(qaCase.id) | \(qaCase.titleZh) / \(qaCase.titleEn) | \(Self.areaName(qaCase.area)) | \(verdict(qaCase.id).title) | \(note) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    nonisolated static func areaName(_ area: QaArea) -> String {
        switch area {
        case .binding:
            return "binding"
        case .wechatLogin:
            return "WeChat login"
        case .install:
            return "install"
        case .network:
            return "network"
        case .failure:
            return "failure"
        }
    }

    private func save() {
        if let data = try? JSONEncoder().encode(entries) {
            defaults.set(data, forKey: Self.key)
        }
    }
}
