import WxLoginCore

// UniFFI 0.32 generates `description` (the core's Rust `Display`: "not signed in",
// "network: timed out" ...) for `WxLoginError` but, unlike for records and enums, does not
// declare the conformance for an error. Declared here, `print(error)`, "\(error)" and
// `localizedDescription` read as that sentence instead of a reflection of the case.
#if compiler(>=6)
extension WxLoginError: @retroactive CustomStringConvertible {}
#else
extension WxLoginError: CustomStringConvertible {}
#endif
