// swift-tools-version:5.9
// The sample's logic, without its screens: the app model, the QA results and report,
// the error texts and the settings (WxLoginSample/Sources/Logic, no SwiftUI or UIKit),
// as a package of its own so that it compiles and its tests run wherever Swift does
// (scripts/swift-test.sh runs them on Linux). The app target in project.yml compiles
// the same files together with the SwiftUI views; this package is not part of the app.
import PackageDescription

let package = Package(
    name: "WxLoginSampleLogic",
    platforms: [.iOS(.v16)],
    dependencies: [
        // Identified by its folder name, `swift`.
        .package(path: "../bindings/swift"),
    ],
    targets: [
        .target(
            name: "WxLoginSampleLogic",
            dependencies: [.product(name: "WxLoginKit", package: "swift")],
            path: "WxLoginSample/Sources/Logic"
        ),
        .testTarget(
            name: "WxLoginSampleLogicTests",
            dependencies: ["WxLoginSampleLogic", .product(name: "WxLoginKitTesting", package: "swift")],
            path: "Tests/WxLoginSampleLogicTests"
        ),
    ]
)
