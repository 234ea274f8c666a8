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
                    ShareLink(item: results.report(of: cases, app: Self.appVersion, device: Self.device)) {
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

    /// For the report's header: "App 0.1.0 (1)".
    private static var appVersion: String {
        let info = Bundle.main.infoDictionary ?? [:]
        let version = info["CFBundleShortVersionString"] as? String ?? "?"
        let build = info["CFBundleVersion"] as? String ?? "?"
        return "App \(version) (\(build))"
    }

    /// For the report's header: "iPhone · iOS 17.4". UIDevice is main-actor state.
    @MainActor
    private static var device: String {
        let device = UIDevice.current
        return "\(device.model) · \(device.systemName) \(device.systemVersion)"
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

extension QAVerdict {
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
