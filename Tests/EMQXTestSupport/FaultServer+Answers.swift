import Foundation

/// The bytes a fault server writes: an answer's head, a whole answer, any text.
extension FaultServer {
    func respond(_ descriptor: Int32, _ status: Int, _ type: String, _ body: String) -> Bool {
        send(descriptor, head(status, ["Content-Type": type, "Content-Length": String(body.utf8.count)]) + body)
    }

    func head(_ status: Int, _ headers: [String: String]) -> String {
        let reason =
            [
                200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
                500: "Internal Server Error", 502: "Bad Gateway",
                503: "Service Unavailable",
            ][status] ?? "Status"
        return "HTTP/1.1 \(status) \(reason)\r\n"
            + headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\r\n" }.joined() + "\r\n"
    }

    func send(_ descriptor: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                Foundation.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}
