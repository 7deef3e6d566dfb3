#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard output and standard error without ever trapping.
///
/// A reader that goes away (`emqxsh -c clients | head -1`) ends the process quietly with
/// status 141 (128 + SIGPIPE, what the shell shows for `git log | head` under pipefail),
/// rather than the runtime's trap on a failed `FileHandle.write`. A closed standard error
/// drops what would have gone there.
public enum StreamWriter {
    /// The status of a process whose standard output was closed by its reader.
    public static let brokenPipeStatus: Int32 = 141

    /// Writes all of `text` to standard output; exits 141 when the reader has gone.
    public static func writeOutput(_ text: String) {
        if !write(text, to: STDOUT_FILENO) { exit(brokenPipeStatus) }
    }

    /// Writes all of `bytes` to standard output; exits 141 when the reader has gone.
    public static func writeOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !write(bytes, to: STDOUT_FILENO) { exit(brokenPipeStatus) }
    }

    /// Writes all of `text` to standard error; a closed standard error loses it silently.
    public static func writeError(_ text: String) {
        _ = write(text, to: STDERR_FILENO)
    }

    /// Writes every byte, retrying short writes and interrupted calls.
    /// - Returns: false when the descriptor is closed (EPIPE, EBADF) or fails otherwise.
    @discardableResult
    public static func write(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { write($0, to: descriptor) }
    }

    /// Writes every byte of `bytes`, retrying short writes and interrupted calls; false when the descriptor is closed.
    @discardableResult
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = unistdWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && (errno == EINTR || errno == EAGAIN) {
                continue
            } else {
                return false
            }
        }
        return true
    }
}

private func unistdWrite(_ descriptor: Int32, _ pointer: UnsafePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, pointer, count)
    #else
    return Darwin.write(descriptor, pointer, count)
    #endif
}
