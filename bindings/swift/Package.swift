// swift-tools-version:5.9
// WxLoginKit: the wxlogin core for iOS apps.
//
// Three targets, bottom up:
//   WxLoginCoreFFI  the Rust core as an XCFramework (static library, C header, module map),
//                   built by scripts/build-ios.sh into build/
//   WxLoginCore     the UniFFI-generated Swift, compiled straight from generated/
//                   (the committed bindings, never edited by hand, no copy, no symlink)
//   WxLoginKit      the glue: registration after consent, the install gate, URL and
//                   universal-link passthrough, the WeChat callback, the Keychain store
//
// The WeChat OpenSDK is not a dependency of this package (see README.md, "The WeChat
// SDK"): the app links it and adapts it to WxLoginKit's `WeChatOpenAPI` protocol.
import PackageDescription

let package = Package(
    name: "WxLoginKit",
    platforms: [.iOS(.v13)],
    products: [
        .library(name: "WxLoginKit", targets: ["WxLoginKit", "WxLoginCore"]),
    ],
    targets: [
        .binaryTarget(
            name: "WxLoginCoreFFI",
            path: "build/WxLoginCoreFFI.xcframework"
        ),
        .target(
            name: "WxLoginCore",
            dependencies: ["WxLoginCoreFFI"],
            path: "generated",
            exclude: ["WxLoginCoreFFI.h", "WxLoginCoreFFI.modulemap"],
            sources: ["WxLoginCore.swift"]
        ),
        .target(
            name: "WxLoginKit",
            dependencies: ["WxLoginCore"],
            path: "Sources/WxLoginKit"
        ),
    ]
)
