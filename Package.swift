// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "emqxsh",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .executable(name: "emqxsh", targets: ["emqxsh"]),
        .library(name: "EMQXKit", targets: ["EMQXKit"]),
        .library(name: "EMQXScript", targets: ["EMQXScript"]),
        .library(name: "EMQXSandbox", targets: ["EMQXSandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // Plain JSON: the one piece of code the client, the language and the sandbox share.
        .target(
            name: "EMQXJSON",
            swiftSettings: swiftSettings
        ),
        // Private files (history, recordings, keys): created with their final mode, never through a link.
        .target(name: "EMQXFiles", swiftSettings: swiftSettings),
        .target(
            name: "EMQXKit",
            dependencies: [
                "EMQXMQTT",
                "EMQXJSON",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EMQXScript",
            dependencies: ["EMQXJSON"],
            // The interpreter's async functions run on their caller's executor: no hop to check on every call.
            swiftSettings: swiftSettings + [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]
        ),
        .target(name: "CEditLine", linkerSettings: [.linkedLibrary("edit")]),
        // TOML 1.0 through Debian's toml++ (libtomlplusplus-dev), behind a C face.
        .target(name: "CTOML", linkerSettings: [.linkedLibrary("tomlplusplus")]),
        .target(name: "LineEditor", dependencies: ["CEditLine", "EMQXFiles"], swiftSettings: swiftSettings),
        .target(
            name: "EMQXMQTT",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "EMQXSandbox",
            dependencies: [
                "EMQXMQTT",
                "EMQXJSON", "EMQXFiles",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EMQXShell",
            dependencies: [
                "EMQXKit", "EMQXScript", "EMQXJSON", "EMQXFiles", "CTOML",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // The REPL loop, the script runner, transcript checks: everything the executable runs, tested in-process.
        .target(
            name: "EMQXShellCLI",
            dependencies: ["EMQXShell", "EMQXKit", "EMQXSandbox", "EMQXScript", "LineEditor", "EMQXFiles"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "emqxsh",
            dependencies: [
                "EMQXShellCLI", "EMQXShell", "EMQXKit", "EMQXSandbox", "LineEditor", "EMQXJSON", "EMQXFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            // Position-dependent: a PIE this size has 127,000 relocations to apply, and the pages they write
            // are faulted in and copied on every start (the start was about a third page faults). Its symbols stay
            // out of the dynamic table: the runtime's start-up dladdr walked all 41,000 of them. Release only: that
            // is the static build scripts/emqxsh makes; against a shared Swift runtime the linker warns.
            // mimalloc in place of glibc's malloc: a string, list or map a script makes and drops costs an
            // allocation and a free, and mimalloc's take half the instructions (parse_json/json round trips ran a
            // quarter faster).
            linkerSettings: [
                .unsafeFlags(
                    ["-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic"],
                    .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("mimalloc", .when(platforms: [.linux])),
            ]
        ),
        .executableTarget(
            name: "emqxsh-bench",
            dependencies: [
                "EMQXKit", "EMQXSandbox", "EMQXScript", .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        // libFuzzer targets for every reader of outside input (scripts/fuzz); a replayer of inputs otherwise.
        .executableTarget(
            name: "emqxsh-fuzz",
            dependencies: [
                "EMQXScript", "EMQXJSON", "EMQXKit", "EMQXShell", "EMQXSandbox", "EMQXMQTT",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The README's EMQXKit example, compiled with everything else; a test keeps the two identical.
        .executableTarget(
            name: "emqxkit-example", dependencies: ["EMQXKit"], path: "Examples/ListAndPublish",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "EMQXJSONTests",
            dependencies: ["EMQXJSON", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings),
        // Helpers the test targets share: real peer programs run beside the sandbox.
        .target(name: "EMQXTestSupport", path: "Tests/EMQXTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "EMQXKitTests",
            dependencies: ["EMQXKit", "EMQXSandbox", "EMQXJSON", "EMQXTestSupport"],
            exclude: ["MQTT/MQTTPeers", "Conformance/Fidelity"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EMQXScriptTests",
            dependencies: [
                "EMQXScript", "EMQXJSON", "EMQXTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden", "FuzzRegressions"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EMQXMQTTTests",
            dependencies: ["EMQXMQTT", "EMQXTestSupport", .product(name: "NIOTestUtils", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EMQXSandboxTests",
            dependencies: [
                "EMQXSandbox", "EMQXMQTT", "EMQXJSON", "EMQXTestSupport",
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EMQXShellTests",
            dependencies: [
                "EMQXShell", "EMQXShellCLI", "EMQXSandbox", "LineEditor", "EMQXKit", "EMQXScript", "EMQXJSON",
                "EMQXTestSupport", .product(name: "Yams", package: "Yams"),
                "EMQXFiles", "emqxsh",
            ],
            swiftSettings: swiftSettings
        ),
    ],
    cxxLanguageStandard: .cxx17
)
