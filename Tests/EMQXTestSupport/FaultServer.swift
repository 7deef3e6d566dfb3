import Foundation

/// A loopback HTTP server that misbehaves on purpose, one way per instance, for the client's fault matrix.
///
/// Plain blocking sockets on threads of its own, so it keeps misbehaving however busy the
/// client's event loops are. Every connection and the listener close on `stop()`.
public final class FaultServer: @unchecked Sendable {
    /// How the server answers every request.
    public enum Behaviour: String, Sendable, CaseIterable {
        /// Accepts the request and never answers.
        case slowHeaders
        /// Sends headers promising 1,000 bytes, then one byte a second.
        case dripBody
        /// Resets the connection as soon as the request arrives.
        case reset
        /// Answers with bytes that are not HTTP.
        case notHTTP
        /// A 200 whose JSON body stops half way (the connection closes).
        case truncatedJSON
        /// A 200 with a proxy's HTML page.
        case html200
        /// A 502 with nginx's HTML page.
        case html502
        /// 64 MiB of JSON, as fast as the client reads.
        case hugeBody
        /// 500 with a v5 error body.
        case status500
        /// 503 with Retry-After and no body.
        case status503
        /// 401 with no WWW-Authenticate challenge and no body.
        case unauthorizedNoChallenge
        /// 302 to itself, for ever.
        case redirectLoop
        /// A v4 envelope with result code 112 where v5 JSON was expected.
        case otherGenerationEnvelope
        /// A v5 list page that says another page follows, for ever, with the same items.
        case endlessPaging
        /// A good answer that promises keep-alive, then the connection closes (as an idle timeout would).
        case closesAfterAnswer
        /// A server that speaks part of the v4 API: `_page`/`_limit` answered with HTTP 400 and code 108, lists with
        /// no `meta`, the client id spelled `client_id`, a user add answered with code 113, and 404 `{"code": 102}`
        /// for every endpoint it lacks.
        case partialV4
        /// Answers each request with the bytes given to ``init(answering:thenClose:)``, as they are.
        case canned
    }

    public let behaviour: Behaviour
    /// The port the OS chose.
    public private(set) var port: Int = 0
    private let listener: Int32
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopped = false

    /// The bytes a `.canned` server answers with, and whether it closes the connection after them.
    private var cannedAnswer = ""
    private var closesAfterCannedAnswer = false

    /// A server that answers every request with `answer`, byte for byte, then closes the connection if `thenClose`.
    public convenience init(answering answer: String, thenClose: Bool) throws {
        try self.init(.canned)
        lock.lock()
        cannedAnswer = answer
        closesAfterCannedAnswer = thenClose
        lock.unlock()
    }

    public init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        // Close-on-exec: a test elsewhere in the process that spawns a program must not inherit these sockets, or a
        // close here would not end the connection (the child's copy keeps it open).
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    /// `http://127.0.0.1:PORT/api/v5`.
    public var url: String { "http://127.0.0.1:\(port)/api/v5" }

    /// `http://127.0.0.1:PORT/api/v4`.
    public var v4URL: String { "http://127.0.0.1:\(port)/api/v4" }

    /// The request lines received so far (`GET /api/v4/clients?_page=1&_limit=100`), in order.
    public var requestLines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }
    private var received: [String] = []

    /// The requests received so far, each its head and body as sent, in order.
    public var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return receivedHeads
    }
    private var receivedHeads: [String] = []

    /// Stops listening and ends every open connection. Only `shutdown(2)` here: each descriptor is closed by the
    /// one thread that uses it, so no number can be closed twice or after the OS has handed it to someone else.
    public func stop() {
        // Under the lock, so that no connection's thread closes its descriptor in between.
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
        for descriptor in connections { shutdown(descriptor, Int32(SHUT_RDWR)) }
    }

    deinit { stop() }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let descriptor = accept(listener, nil, nil)
            if descriptor < 0 { return }
            // (accept4 is not visible from Swift here; the window until this call is a few instructions.)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            lock.lock()
            if stopped {
                lock.unlock()
                close(descriptor)
                return
            }
            connections.insert(descriptor)
            lock.unlock()
            Thread { [self] in
                serve(descriptor)
                lock.lock()
                connections.remove(descriptor)
                close(descriptor)
                lock.unlock()
            }.start()
        }
    }

    private func serve(_ descriptor: Int32) {
        while let request = readRequest(descriptor) {
            let keepGoing = answer(request, on: descriptor)
            if !keepGoing { return }
        }
    }

    /// Reads one request's head (the fault cases need no bodies); nil when the peer has gone.
    private func readRequest(_ descriptor: Int32) -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            bytes += chunk[0..<count]
            if let text = String(bytes: bytes, encoding: .utf8), let end = text.range(of: "\r\n\r\n") {
                let head = String(text[..<end.lowerBound])
                // The body, if the head announces one, is read past: the next request starts after it.
                let length =
                    head.split(separator: "\r\n").dropFirst().compactMap { line -> Int? in
                        let parts = line.split(separator: ":", maxSplits: 1)
                        guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                        return Int(parts[1].trimmingCharacters(in: .whitespaces))
                    }.first ?? 0
                var body = Array(text[end.upperBound...].utf8)
                while body.count < length {
                    let count = recv(descriptor, &chunk, chunk.count, 0)
                    if count <= 0 { return nil }
                    body += chunk[0..<count]
                }
                lock.lock()
                receivedHeads.append(head + "\r\n\r\n" + String(decoding: body, as: UTF8.self))
                lock.unlock()
                return head
            }
            if bytes.count > 65536 { return nil }
        }
    }

    /// Sends this instance's answer; false closes the connection.
    private func answer(_ request: String, on descriptor: Int32) -> Bool {
        let line = request.split(separator: "\r\n").first.map(String.init) ?? ""
        lock.lock()
        received.append(line.split(separator: " ").prefix(2).joined(separator: " "))
        lock.unlock()
        switch behaviour {
        case .slowHeaders:
            while pause(seconds: 1) {}
            return false
        case .dripBody:
            guard send(descriptor, head(200, ["Content-Type": "application/json", "Content-Length": "1000"])) else {
                return false
            }
            for _ in 0..<1000 {
                guard send(descriptor, " ") else { return false }
                if !pause(seconds: 1) { return false }
            }
            return false
        case .reset:
            // SO_LINGER 0: close sends RST instead of FIN.
            var option = linger(l_onoff: 1, l_linger: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            return false
        case .notHTTP:
            _ = send(descriptor, "SSH-2.0-OpenSSH_9.2\r\nthis is not HTTP\r\n")
            return false
        case .truncatedJSON:
            _ = send(
                descriptor,
                head(200, ["Content-Type": "application/json", "Content-Length": "64"])
                    + "[{\"node\": \"emqx@127.0.0.1\", \"vers")
            return false
        case .html200:
            return respond(
                descriptor, 200, "text/html",
                "<html><head><title>Sign in - Corporate Proxy</title></head><body>Please sign in</body></html>")
        case .html502:
            return respond(
                descriptor, 502, "text/html",
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
                    + "Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            )
        case .hugeBody:
            let total = 64 << 20
            guard send(descriptor, head(200, ["Content-Type": "application/json", "Content-Length": String(total)]))
            else { return false }
            let block = String(repeating: " ", count: 1 << 16)
            var sent = 0
            while sent < total {
                guard send(descriptor, block) else { return false }
                sent += block.utf8.count
            }
            return false
        case .status500:
            return respond(
                descriptor, 500, "application/json",
                #"{"code":"INTERNAL_ERROR","message":"node emqx@10.0.0.7 is down"}"#)
        case .status503:
            return send(descriptor, head(503, ["Retry-After": "120", "Content-Length": "0"]))
        case .unauthorizedNoChallenge:
            return send(descriptor, head(401, ["Content-Length": "0"]))
        case .redirectLoop:
            let path = request.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            return send(descriptor, head(302, ["Location": "http://127.0.0.1:\(port)\(path)", "Content-Length": "0"]))
        case .otherGenerationEnvelope:
            return respond(descriptor, 200, "application/json", #"{"code":112,"message":"Client ID not found"}"#)
        case .closesAfterAnswer:
            _ = respond(descriptor, 200, "application/json", #"[{"node":"emqx@127.0.0.1","version":"5.8.1"}]"#)
            Thread.sleep(forTimeInterval: 0.05)
            return false
        case .partialV4:
            return answerAsPartialV4(line, on: descriptor)
        case .canned:
            lock.lock()
            let (answer, close) = (cannedAnswer, closesAfterCannedAnswer)
            lock.unlock()
            return send(descriptor, answer) && !close
        case .endlessPaging:
            return respond(
                descriptor, 200, "application/json",
                #"{"data":[{"node":"emqx@127.0.0.1","clientid":"same-one"}],"#
                    + #""meta":{"page":1,"limit":1,"hasnext":true}}"#
            )
        }
    }

    /// Sleeps in small steps; false once the server is stopping.
    private func pause(seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if isStopped { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return !isStopped
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }
}
