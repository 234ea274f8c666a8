import Foundation
import WxLoginCore
import WxLoginKit

/// What the sample tells the user for each error and unsuccessful outcome (the
/// "what the app does" column of the README's error table).
enum ErrorText {
    static func describe(_ error: Error) -> String {
        if let error = error as? WxLoginError {
            return describe(error)
        }
        if let error = error as? WxLoginKitError {
            return describe(error)
        }
        return error.localizedDescription
    }

    static func describe(_ error: WxLoginError) -> String {
        switch error {
        case let .InvalidConfig(reason):
            return "Configuration error: \(reason)"
        case let .Storage(reason):
            return "Could not use the Keychain (\(reason)). Try again."
        case let .InvalidRedirect(reason):
            return "Not a WeChat redirect: \(reason)"
        case .Network:
            return "No connection. Check the network and try again."
        case .ServiceUnavailable:
            return "The service is busy. Try again later."
        case .ServerMisconfigured:
            return "Login is unavailable right now (server configuration). Please report it."
        case .UnexpectedResponse:
            return "Unexpected answer from the server (captive portal or proxy?). Try again later."
        case let .InvalidInput(reason):
            return reason
        case .NotSignedIn:
            return "Please sign in."
        case .ReauthorizeWechat:
            return "WeChat authorization expired. Sign in with WeChat again."
        case .BindTicketExpired:
            return "This WeChat login expired. Sign in with WeChat again."
        case .CaptchaInvalid:
            return "Wrong or expired code. Retype it or request a new one."
        case .CaptchaLocked:
            return "Too many wrong tries. Request a new code."
        case let .RateLimited(retryAfterS):
            return "Too many requests. Try again in \(retryAfterS) s."
        case .WrongCredentials:
            return "Account or password wrong."
        case let .BindingRefused(conflict):
            return describe(conflict)
        case let .Internal(reason):
            return "Internal error: \(reason). Please report it."
        }
    }

    static func describe(_ conflict: BindingConflict) -> String {
        switch conflict {
        case .phoneHasOtherWechat:
            return "This phone number's account is already bound to another WeChat."
        case .accountHasOtherWechat:
            return "Your account is already bound to another WeChat."
        case .wechatHasOtherAccount:
            return "This WeChat is already bound to another account."
        case .accountHasOtherPhone:
            return "Your account is already bound to another phone number."
        case .phoneHasOtherAccount:
            return "This phone number belongs to another account."
        }
    }

    static func describe(_ error: WxLoginKitError) -> String {
        switch error {
        case .privacyConsentRequired:
            return "Accept the privacy policy to use WeChat login."
        case let .invalidUniversalLink(link):
            return "Configuration error: universal link \(link) is not https."
        case .registrationFailed:
            return "WeChat did not accept the app's registration (AppID or universal link)."
        case .notRegistered:
            return "WeChat login is not available."
        case .wechatNotInstalled:
            return "WeChat is not installed. Use another way to sign in."
        case .wechatUpdateRequired:
            return "Your WeChat is too old. Update WeChat or use another way to sign in."
        }
    }

    /// A WeChat authorization that did not give a code.
    static func describe(_ outcome: AuthOutcome) -> String {
        switch outcome {
        case .cancelled:
            return "WeChat login cancelled."
        case .denied:
            return "You declined in WeChat. Use another way to sign in."
        case .sendFailed, .failed:
            return "WeChat could not be reached. Try again."
        case .unsupported:
            return "Your WeChat does not support this login. Update WeChat."
        case .signatureMismatch:
            return "WeChat rejected the app's registration. Please report it."
        case .stateExpired:
            return "The WeChat login took too long. Try again."
        default:
            return "WeChat login did not complete. Try again."
        }
    }
}
