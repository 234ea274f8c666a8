import SwiftUI
import WxLoginCore

/// Mobile number + SMS code, with the resend countdown the server asks for. Used by
/// phone login (purpose `.login`) and both phone bindings (purpose `.bind`).
struct CaptchaForm: View {
    @EnvironmentObject private var model: AppModel
    let purpose: CaptchaPurpose
    let submitTitle: String
    let submit: (_ mobile: String, _ captcha: String) async -> Void

    @State private var mobile = ""
    @State private var captcha = ""
    @State private var cooldown = 0
    @State private var countdown: Task<Void, Never>?

    var body: some View {
        Group {
            TextField("Mobile number", text: $mobile)
                .keyboardType(.phonePad)
                .textContentType(.telephoneNumber)
            HStack {
                TextField("SMS code", text: $captcha)
                    .keyboardType(.numberPad)
                    .textContentType(.oneTimeCode)
                Button(cooldown > 0 ? "\(cooldown) s" : "Send code") {
                    Task {
                        await sendCode()
                    }
                }
                .disabled(mobile.isEmpty || cooldown > 0 || model.busy)
            }
            Button(submitTitle) {
                Task {
                    await submit(mobile, captcha)
                }
            }
            .disabled(mobile.isEmpty || captcha.isEmpty || model.busy)
        }
        .onDisappear {
            countdown?.cancel()
        }
    }

    private func sendCode() async {
        guard let sent = await model.requestCaptcha(mobile: mobile, purpose: purpose) else {
            return
        }
        startCooldown(seconds: Int(sent.cooldownS))
    }

    private func startCooldown(seconds: Int) {
        countdown?.cancel()
        cooldown = seconds
        countdown = Task { @MainActor in
            while cooldown > 0, !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 1_000_000_000)
                cooldown -= 1
            }
        }
    }
}
