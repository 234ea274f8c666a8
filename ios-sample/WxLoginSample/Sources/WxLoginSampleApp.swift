import SwiftUI
import WxLoginCore
import WxLoginKit

@main
struct WxLoginSampleApp: App {
    @StateObject private var model = AppModel.live()
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView()
                .environmentObject(model)
                // WeChat returns through the URL scheme (wx<AppID>://) or, with SDK 1.8.6+,
                // through the universal link; both go to the SDK, whose onResp feeds the core.
                .onOpenURL { url in
                    _ = model.wechat?.handleOpenURL(url)
                }
                .onContinueUserActivity(NSUserActivityTypeBrowsingWeb) { activity in
                    _ = model.wechat?.handleOpenUniversalLink(activity)
                }
        }
        .onChange(of: scenePhase) { phase in
            if phase == .active {
                model.sceneDidBecomeActive()
            }
        }
    }
}

struct RootView: View {
    @EnvironmentObject private var model: AppModel
    @State private var showingQA = false

    var body: some View {
        NavigationStack {
            content
                .toolbar {
                    ToolbarItem(placement: .navigationBarTrailing) {
                        Button("QA") {
                            showingQA = true
                        }
                    }
                }
        }
        .sheet(isPresented: $showingQA) {
            QAView()
        }
        .overlay(alignment: .bottom) {
            FlowBanner(flow: model.flow)
        }
        .alert("wxlogin", isPresented: messageShown) {
            Button("OK", role: .cancel) {
                model.message = nil
            }
        } message: {
            Text(model.message ?? "")
        }
    }

    @ViewBuilder
    private var content: some View {
        if let setupError = model.setupError {
            Text(setupError)
                .padding()
                .navigationTitle("Configuration error")
        } else {
            switch model.route {
            case .consent:
                ConsentView()
            case .login:
                LoginView()
            case let .bindPhone(ticket, wechat):
                BindPhoneView(bindTicket: ticket, wechat: wechat)
            case let .signedIn(account):
                SignedInView(account: account)
            }
        }
    }

    private var messageShown: Binding<Bool> {
        Binding(
            get: { model.message != nil },
            set: { shown in
                if !shown {
                    model.message = nil
                }
            }
        )
    }
}

extension AppModel {
    /// The app's model: settings from Info.plist, the core over the Keychain, the real
    /// WeChat SDK through `WXApiAdapter`.
    static func live() -> AppModel {
        let consent = UserDefaultsPrivacyConsent()
        return AppModel(settings: SampleSettings(bundle: .main), consent: consent) { config in
            try WeChatLogin(config: config, store: KeychainStore(), wechat: WXApiAdapter(), consent: consent)
        }
    }
}
