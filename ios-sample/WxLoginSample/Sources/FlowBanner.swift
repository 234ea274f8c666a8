import SwiftUI
import WxLoginCore

/// Where a WeChat login is, from the core's flow observer.
struct FlowBanner: View {
    let flow: FlowState

    var body: some View {
        if let text {
            HStack(spacing: 8) {
                ProgressView()
                Text(text)
            }
            .padding(12)
            .background(.thinMaterial, in: Capsule())
            .padding(.bottom, 24)
        }
    }

    private var text: String? {
        switch flow {
        case .waitingForWechat:
            return "Waiting for WeChat…"
        case .exchanging:
            return "Signing in…"
        case .idle, .needsPhone, .signedIn:
            return nil
        }
    }
}
