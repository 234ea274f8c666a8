import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import WxLoginCore
import WxLoginKit

/// The WeChat simulator (`wxlogin-sim`) and the reference server started with `--dev`
/// (`wxlogin-server`), for tests that run a whole login: the simulator plays the WeChat
/// app (the user taps "allow", WeChat hands out a code), the server's dev routes show
/// the SMS captcha it "sent". See the top-level README, "The reference server".
public struct LiveServices: Sendable {
    public let serverUrl: String
    public let simUrl: String
    public let appId: String

    public init(serverUrl: String, simUrl: String, appId: String) {
        self.serverUrl = serverUrl
        self.simUrl = simUrl
        self.appId = appId
    }

    public struct NotConfigured: Error, CustomStringConvertible {
        public let variable: String
        public var description: String {
            "\(variable) is not set: run scripts/swift-test.sh, which starts the simulator and the server"
        }
    }

    /// From `WXLOGIN_TEST_SERVER_URL`, `WXLOGIN_TEST_SIM_URL` and `WXLOGIN_TEST_APP_ID`
    /// (what scripts/swift-test.sh and scripts/kotlin-test.sh set).
    public static func fromEnvironment() throws -> LiveServices {
        func value(_ name: String) throws -> String {
            guard let raw = ProcessInfo.processInfo.environment[name], !raw.isEmpty else {
                throw NotConfigured(variable: name)
            }
            return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
        }
        return try LiveServices(
            serverUrl: value("WXLOGIN_TEST_SERVER_URL"),
            simUrl: value("WXLOGIN_TEST_SIM_URL"),
            appId: value("WXLOGIN_TEST_APP_ID")
        )
    }

    /// The configuration of an app that talks to this server.
    public func config(platform: Platform = .ios, requestTimeoutMs: Int64 = 10_000) -> WxLoginConfig {
        WxLoginConfig(appId: appId, platform: platform, serverUrl: serverUrl, requestTimeoutMs: requestTimeoutMs)
    }

    /// A WeChat user id no other test (or earlier run against the same server) used.
    public static func newUser(_ label: String) -> String {
        "swift-\(label)-\(UUID().uuidString.prefix(8))"
    }

    /// A mainland mobile number (139 and eight digits), random enough to be unused.
    public static func newMobile() -> String {
        "139" + String(format: "%08d", Int.random(in: 0 ..< 100_000_000))
    }

    /// The user confirms in the WeChat app: the code WeChat hands to the SDK.
    public func authorize(user: String, scope: String = "snsapi_userinfo") async throws -> String {
        try await field("code", of: call("POST", "\(simUrl)/sim/authorize", json: ["appid": appId, "user": user, "scope": scope]))
    }

    /// The WeChat profile's nickname, as the server will read it from WeChat.
    public func setNickname(user: String, _ nickname: String) async throws {
        _ = try await call("PUT", "\(simUrl)/sim/users/\(user)", json: ["nickname": nickname])
    }

    /// Makes WeChat's next code exchange answer after `latencyMs` (it still does the work).
    public func slowAccessToken(latencyMs: Int) async throws {
        _ = try await call("POST", "\(simUrl)/sim/faults", json: [
            "endpoint": "access_token", "fault": ["latency_ms": latencyMs], "count": 1,
        ])
    }

    /// How many code exchanges WeChat has served so far.
    public func accessTokenCalls() async throws -> Int {
        let calls = try await call("GET", "\(simUrl)/sim/calls")
        guard let count = calls["access_token"] as? Int else {
            throw UnexpectedAnswer(description: "no access_token count in /sim/calls: \(calls)")
        }
        return count
    }

    /// The captcha the server's dev SMS sender last "sent" to `mobile`.
    public func lastCaptcha(mobile: String) async throws -> String {
        try await field("captcha", of: call("GET", "\(serverUrl)/dev/sms?mobile=\(mobile)"))
    }

    public struct UnexpectedAnswer: Error, CustomStringConvertible {
        public let description: String
    }

    private func field(_ name: String, of object: [String: Any]) throws -> String {
        guard let value = object[name] as? String else {
            throw UnexpectedAnswer(description: "no \"\(name)\" in \(object)")
        }
        return value
    }

    private func call(_ method: String, _ url: String, json body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: 10)
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, status): (Data, Int) = try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(returning: (data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
                }
            }.resume()
        }
        guard (200 ..< 300).contains(status) else {
            throw UnexpectedAnswer(description: "\(method) \(url): HTTP \(status) \(String(decoding: data, as: UTF8.self))")
        }
        if data.isEmpty {
            return [:]
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw UnexpectedAnswer(description: "\(method) \(url): not a JSON object")
        }
        return object
    }
}

extension FakeWeChat {
    /// Plays `user`'s WeChat app on the simulator: every request the glue sends is
    /// answered as the user tapping "allow" (the simulator issues a code) and the app is
    /// opened with WeChat's callback URL, handed to `login.handleOpenURL`. When the
    /// simulator does not answer, `onError` is told and the request ends as WeChat's
    /// errCode -1, so that the login does not wait out its lifetime.
    public func answerOnSimulator(
        _ live: LiveServices,
        user: String,
        login: WeChatLogin,
        onError: @escaping @Sendable (Error) -> Void
    ) {
        onSend = { [unowned self, unowned login] request in
            Task {
                do {
                    let code = try await live.authorize(user: user)
                    _ = login.handleOpenURL(self.authorizedURL(code: code, state: request.state))
                } catch {
                    onError(error)
                    login.didReceiveAuthResponse(errCode: -1, code: nil, state: request.state)
                }
            }
        }
    }
}
