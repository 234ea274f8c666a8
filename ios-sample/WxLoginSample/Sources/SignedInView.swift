import SwiftUI
import WxLoginCore

/// Signed in: the account as the server has it, binding WeChat or a phone to it.
struct SignedInView: View {
    @EnvironmentObject private var model: AppModel
    let account: Account

    var body: some View {
        Form {
            Section("Account") {
                row("ID", String(account.id))
                row("Account", account.account ?? "–")
                row("Mobile", account.mobile ?? "–")
            }
            Section("WeChat") {
                if account.isBindWechat {
                    HStack(spacing: 12) {
                        AsyncImage(url: account.wechatAvatarUrl.flatMap { URL(string: $0) }) { image in
                            image.resizable().scaledToFill()
                        } placeholder: {
                            Color.secondary.opacity(0.2)
                        }
                        .frame(width: 40, height: 40)
                        .clipShape(Circle())
                        Text(account.wechatName ?? "WeChat")
                    }
                    row("OpenID", account.wechatOpenId ?? "–")
                    row("UnionID", account.wechatUnionId ?? "–")
                    row("Avatar stored", account.isBindAvatar ? "yes" : "no")
                } else if model.buttonPolicy != .hide {
                    Button("Bind WeChat") {
                        Task {
                            await model.bindWeChat()
                        }
                    }
                    .disabled(model.busy)
                } else {
                    Text("Not bound. Install WeChat to bind it.")
                        .foregroundColor(.secondary)
                }
            }
            Section("Bind a phone number") {
                CaptchaForm(purpose: .bind, submitTitle: "Bind phone") { mobile, captcha in
                    await model.bindPhoneToAccount(mobile: mobile, captcha: captcha)
                }
            }
            Section {
                Button("Refresh") {
                    Task {
                        await model.refreshAccount()
                    }
                }
                Button("Sign out", role: .destructive) {
                    Task {
                        await model.signOut()
                    }
                }
            }
            .disabled(model.busy)
        }
        .navigationTitle("Signed in")
        .onAppear {
            model.refreshButtonPolicy()
        }
    }

    private func row(_ label: String, _ value: String) -> some View {
        HStack {
            Text(label)
            Spacer()
            Text(value)
                .foregroundColor(.secondary)
                .textSelection(.enabled)
        }
    }
}
