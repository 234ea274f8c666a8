import SwiftUI

/// Shown until the user accepts the privacy policy; WeChat's SDK is not registered before.
struct ConsentView: View {
    @EnvironmentObject private var model: AppModel
    @State private var declined = false

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Text("Privacy policy")
                .font(.title2.bold())
            Text("This sample signs you in with WeChat or your phone number. Your WeChat nickname, avatar and identifiers and your phone number are sent to the app's server. WeChat's SDK is only started after you accept.")
            if declined {
                Text("Without your consent the app cannot sign you in.")
                    .foregroundColor(.secondary)
            }
            Spacer()
            Button("Accept") {
                model.acceptPrivacyPolicy()
            }
            .buttonStyle(.borderedProminent)
            .frame(maxWidth: .infinity)
            Button("Decline") {
                declined = true
            }
            .frame(maxWidth: .infinity)
        }
        .padding()
        .navigationTitle("Welcome")
    }
}
