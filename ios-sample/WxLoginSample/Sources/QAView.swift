import SwiftUI
import UIKit
import WxLoginCore

/// The seed's 18 QA cases, straight from the core (`qaCases()`, the same data the
/// automated runner uses). A tester records pass / fail and a note per case on a real
/// phone with the real WeChat, then shares the report as text.
struct QAView: View {
    @Environment(\.dismiss) private var dismiss
    @StateObject private var results = QAResults()
    private let cases = qaCases()

    var body: some View {
        NavigationStack {
            List {
                Section {
                    Text(results.summary(of: cases))
                }
                ForEach(cases, id: \.id) { qaCase in
                    NavigationLink {
                        QACaseView(qaCase: qaCase, results: results)
                    } label: {
                        HStack(alignment: .firstTextBaseline) {
                            Text("\(qaCase.id)")
                                .font(.headline.monospacedDigit())
                                .frame(width: 28, alignment: .leading)
                            VStack(alignment: .leading, spacing: 2) {
                                Text(qaCase.titleZh)
                                Text(qaCase.titleEn)
                                    .font(.caption)
                                    .foregroundColor(.secondary)
                            }
                            Spacer()
                            VerdictBadge(verdict: results.verdict(qaCase.id))
                        }
                    }
                }
            }
            .navigationTitle("QA")
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Done") {
                        dismiss()
                    }
                }
                ToolbarItem(placement: .primaryAction) {
                    ShareLink(item: results.report(of: cases)) {
                        Label("Share report", systemImage: "square.and.arrow.up")
                    }
                }
                ToolbarItem(placement: .bottomBar) {
                    Button("Reset all", role: .destructive) {
                        results.reset()
                    }
                }
            }
        }
    }
}

struct QACaseView: View {
    let qaCase: QaCase
    @ObservedObject var results: QAResults

    var body: some View {
        Form {
            Section("Result") {
                Picker("Result", selection: verdict) {
                    ForEach(QAVerdict.allCases, id: \.self) { verdict in
                        Text(verdict.title).tag(verdict)
                    }
                }
                .pickerStyle(.segmented)
                TextField("Note (device, WeChat version, what happened)", text: note, axis: .vertical)
            }
            Section("Case") {
                Text(qaCase.titleZh)
                    .font(.headline)
                Text(qaCase.titleEn)
                Text("Area: \(QAResults.areaName(qaCase.area))")
                    .foregroundColor(.secondary)
            }
            list("Preconditions", qaCase.preconditions)
            list("Steps", qaCase.steps)
            list("Expected", qaCase.expected)
            list("On the device", qaCase.deviceSteps)
            Section("Automated by wxlogin-qa") {
                Text(qaCase.automated)
                    .font(.footnote)
            }
        }
        .navigationTitle("Case \(qaCase.id)")
    }

    @ViewBuilder
    private func list(_ title: String, _ items: [String]) -> some View {
        if !items.isEmpty {
            Section(title) {
                ForEach(Array(items.enumerated()), id: \.offset) { index, item in
                    Text("\(index + 1). \(item)")
                }
            }
        }
    }

    private var verdict: Binding<QAVerdict> {
        Binding(
            get: { results.verdict(qaCase.id) },
            set: { results.setVerdict($0, for: qaCase.id) }
        )
    }

    private var note: Binding<String> {
        Binding(
            get: { results.note(qaCase.id) },
            set: { results.setNote($0, for: qaCase.id) }
        )
    }
}

struct VerdictBadge: View {
    let verdict: QAVerdict

    var body: some View {
        Text(verdict.title)
            .font(.caption.bold())
            .padding(.horizontal, 8)
            .padding(.vertical, 2)
            .background(verdict.color.opacity(0.2), in: Capsule())
            .foregroundColor(verdict.color)
    }
}

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

    var color: Color {
        switch self {
        case .notRun:
            return .gray
        case .pass:
            return .green
        case .fail:
            return .red
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

    @Published private var entries: [UInt32: Entry]
    private let defaults: UserDefaults
    private static let key = "wxlogin.sample.qaResults.v1"

    init(defaults: UserDefaults = .standard) {
        self.defaults = defaults
        if let data = defaults.data(forKey: Self.key),
           let saved = try? JSONDecoder().decode([UInt32: Entry].self, from: data) {
            entries = saved
        } else {
            entries = [:]
        }
    }

    func verdict(_ id: UInt32) -> QAVerdict {
        entries[id]?.verdict ?? .notRun
    }

    func note(_ id: UInt32) -> String {
        entries[id]?.note ?? ""
    }

    func setVerdict(_ verdict: QAVerdict, for id: UInt32) {
        entries[id, default: Entry()].verdict = verdict
        save()
    }

    func setNote(_ note: String, for id: UInt32) {
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
    func report(of cases: [QaCase]) -> String {
        let info = Bundle.main.infoDictionary ?? [:]
        let version = info["CFBundleShortVersionString"] as? String ?? "?"
        let build = info["CFBundleVersion"] as? String ?? "?"
        let device = UIDevice.current
        let date = ISO8601DateFormatter().string(from: Date())
        var lines = [
            "# wxlogin device QA report",
            "",
            "App \(version) (\(build)) · \(device.model) · \(device.systemName) \(device.systemVersion) · \(date)",
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
