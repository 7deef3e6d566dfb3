import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Debian's mosquitto broker, started for one test on a loopback port the OS picked, and stopped with it.
public final class MosquittoBroker: Sendable {
    /// The port it listens on.
    public let port: Int
    private let process: PeerProcess
    private let directory: URL

    /// Whether the broker is installed (`scripts/bootstrap` installs it).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/mosquitto") }

    /// Starts a broker that lets anyone in, and waits until it takes connections.
    public static func start() async throws -> MosquittoBroker {
        let port = try freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mosquitto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("mosquitto.conf")
        try "listener \(port) 127.0.0.1\nallow_anonymous true\n".write(to: config, atomically: true, encoding: .utf8)
        let process = try PeerProcess("/usr/sbin/mosquitto", ["-c", config.path])
        let broker = MosquittoBroker(port: port, process: process, directory: directory)
        for _ in 0..<100 {
            if broker.takesConnections() { return broker }
            if process.exitStatus != nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        broker.stop()
        throw BrokerDidNotStart(output: process.errorOutput)
    }

    private init(port: Int, process: PeerProcess, directory: URL) {
        self.port = port
        self.process = process
        self.directory = directory
    }

    deinit { stop() }

    /// Stops the broker and removes its files.
    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A port no one listens on now, picked by the OS (mosquitto takes a port number, not port 0).
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BrokerDidNotStart(output: "no socket") }
        defer { close(socket) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw BrokerDidNotStart(output: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Whether a TCP connection to the broker's port succeeds now.
    private func takesConnections() -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = Self.loopback(port: UInt16(port))
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// The broker exited or never took a connection; its standard error says why.
public struct BrokerDidNotStart: Error, CustomStringConvertible {
    public var output: String
    public var description: String { "mosquitto did not start: \(output)" }
}
