import SwiftUI
import WxLoginCore

/// Login: the WeChat button only where the core's policy allows it (on iOS: hidden when
/// WeChat is missing or too old), phone + SMS code, and account + password.
struct LoginView: View {
    @EnvironmentObject private var model: AppModel
    @State private var account = ""
    @State private var password = ""

    var body: some View {
        Form {
            if model.buttonPolicy != .hide {
                Section {
                    Button {
                        Task {
                            await model.signInWithWeChat()
                        }
                    } label: {
                        Label("Sign in with WeChat", systemImage: "message.fill")
                            .frame(maxWidth: .infinity)
                    }
                    .buttonStyle(.borderedProminent)
                    .tint(.green)
                    .disabled(model.busy)
                }
            }
            Section("Phone number") {
                CaptchaForm(purpose: .login, submitTitle: "Sign in") { mobile, captcha in
                    await model.signInWithPhone(mobile: mobile, captcha: captcha)
                }
            }
            Section("Account and password") {
                TextField("Account", text: $account)
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
                SecureField("Password", text: $password)
                Button("Sign in") {
                    Task {
                        await model.signInWithPassword(account: account, password: password)
                    }
                }
                .disabled(account.isEmpty || password.isEmpty || model.busy)
            }
        }
        .navigationTitle("Sign in")
        .onAppear {
            model.refreshButtonPolicy()
        }
    }
}
