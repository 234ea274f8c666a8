import SwiftUI
import WxLoginCore

/// The forced bind-phone page: a WeChat identity the server does not know yet must be
/// bound to a phone number before the user is signed in (seed case 12). No way around it
/// but back to the login screen.
struct BindPhoneView: View {
    @EnvironmentObject private var model: AppModel
    let bindTicket: String
    let wechat: WechatProfile

    var body: some View {
        Form {
            Section {
                HStack(spacing: 12) {
                    AsyncImage(url: wechat.avatarUrl.flatMap { URL(string: $0) }) { image in
                        image.resizable().scaledToFill()
                    } placeholder: {
                        Image(systemName: "person.crop.circle")
                            .resizable()
                            .foregroundColor(.secondary)
                    }
                    .frame(width: 48, height: 48)
                    .clipShape(Circle())
                    VStack(alignment: .leading) {
                        Text(wechat.nickname)
                            .font(.headline)
                        Text("Bind a phone number to finish signing in.")
                            .font(.subheadline)
                            .foregroundColor(.secondary)
                    }
                }
            }
            Section("Phone number") {
                CaptchaForm(purpose: .bind, submitTitle: "Bind and sign in") { mobile, captcha in
                    await model.bindPhone(ticket: bindTicket, mobile: mobile, captcha: captcha)
                }
            }
            Section {
                Button("Use another way to sign in", role: .cancel) {
                    model.abandonBinding()
                }
            }
        }
        .navigationTitle("Bind phone")
        .navigationBarBackButtonHidden(true)
    }
}
