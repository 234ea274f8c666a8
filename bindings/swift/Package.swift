// swift-tools-version:5.9
// WxLoginKit: the wxlogin core for iOS apps.
//
// Targets, bottom up:
//   WxLoginCoreFFI     the Rust core's C side. On Apple platforms an XCFramework (static
//                      library, C header, module map) built by scripts/build-ios.sh into
//                      build/; on Linux a system library: linux/module.modulemap over the
//                      generated header, linking the shared libwxlogin_core (how
//                      scripts/swift-test.sh compiles and tests this package)
//   WxLoginCore        the UniFFI-generated Swift, compiled straight from generated/
//                      (the committed bindings, never edited by hand, no copy, no symlink)
//   WxLoginKit         the glue: registration after consent, the install gate, URL and
//                      universal-link passthrough, the WeChat callback, the Keychain store
//   WxLoginKitTesting  an in-memory SecureStore and a fake WeChat SDK, for the app's
//                      unit tests (and this package's)
//
// The WeChat OpenSDK is not a dependency of this package (see README.md, "The WeChat
// SDK"): the app links it and adapts it to WxLoginKit's `WeChatOpenAPI` protocol.
import PackageDescription

#if os(Linux)
let coreFFI: Target = .systemLibrary(name: "WxLoginCoreFFI", path: "linux")
#else
let coreFFI: Target = .binaryTarget(name: "WxLoginCoreFFI", path: "build/WxLoginCoreFFI.xcframework")
#endif

let package = Package(
    name: "WxLoginKit",
    platforms: [.iOS(.v13)],
    products: [
        .library(name: "WxLoginKit", targets: ["WxLoginKit", "WxLoginCore"]),
        .library(name: "WxLoginKitTesting", targets: ["WxLoginKitTesting"]),
    ],
    targets: [
        coreFFI,
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
        .target(
            name: "WxLoginKitTesting",
            dependencies: ["WxLoginKit", "WxLoginCore"],
            path: "Sources/WxLoginKitTesting"
        ),
        .testTarget(
            name: "WxLoginKitTests",
            dependencies: ["WxLoginKit", "WxLoginCore", "WxLoginKitTesting"],
            path: "Tests/WxLoginKitTests"
        ),
    ]
)
