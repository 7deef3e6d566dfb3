#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens files that hold private things (history, recordings, the sandbox's key) the safe way.
///
/// A new file is created with its final mode (0600) in the same call that opens it; an existing one must be a
/// regular file of this user, reached without a symbolic link (`O_NOFOLLOW`), and loses any group or other bits.
/// Everything is checked on the opened descriptor, so nothing can be swapped in between.
public enum PrivateFile {
    /// Why a private file could not be opened, in words for the user.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// How an opened file is written.
    public enum Mode: Sendable {
        /// Keep what is there; writes go to the end.
        case append
        /// Start empty.
        case truncate
        /// Read and write, from the start.
        case update
    }

    /// Opens `path` for writing and returns its descriptor (close it when done).
    public static func open(_ path: String, _ mode: Mode) throws(Failure) -> Int32 {
        var flags = O_CREAT | O_NOFOLLOW | O_CLOEXEC
        switch mode {
        case .append: flags |= O_WRONLY | O_APPEND
        case .truncate: flags |= O_WRONLY
        case .update: flags |= O_RDWR
        }
        let descriptor = systemOpen(path, flags, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP { throw Failure(path: path, reason: "is a symbolic link; refusing to write through it") }
            throw Failure(path: path, reason: "cannot open it: \(String(cString: strerror(code)))")
        }
        do throws(Failure) {
            try check(descriptor, path)
            if mode == .truncate, ftruncate(descriptor, 0) != 0 {
                throw Failure(path: path, reason: "cannot empty it: \(String(cString: strerror(errno)))")
            }
        } catch {
            close(descriptor)
            throw error
        }
        return descriptor
    }

    /// Writes `bytes` as the whole content of `path` (created 0600).
    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let descriptor = try open(path, .truncate)
        defer { close(descriptor) }
        guard writeAll(bytes, to: descriptor) else {
            throw Failure(path: path, reason: "cannot write it: \(String(cString: strerror(errno)))")
        }
    }

    /// Creates `path` as a directory of mode 0700 when missing; an existing one must be this user's and no link.
    public static func makeDirectory(_ path: String) throws(Failure) {
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            if errno == ENOENT {
                let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
                if !parent.isEmpty {
                    try makeDirectory(parent)
                    return try makeDirectory(path)
                }
            }
            throw Failure(path: path, reason: "cannot create the directory: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw Failure(path: path, reason: "cannot read the directory") }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw Failure(path: path, reason: "is not a directory (a symbolic link is not followed)")
        }
        guard info.st_uid == geteuid() else { throw Failure(path: path, reason: "belongs to another user") }
    }

    /// Writes every byte, retrying short and interrupted writes.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                systemWrite(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    private static func check(_ descriptor: Int32, _ path: String) throws(Failure) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(path: path, reason: "cannot read its status") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Failure(path: path, reason: "is not a regular file") }
        guard info.st_uid == geteuid() else {
            throw Failure(path: path, reason: "belongs to another user; refusing to write to it")
        }
        if info.st_mode & 0o077 != 0 { fchmod(descriptor, 0o600) }
    }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags, mode)
    #else
    Darwin.open(path, flags, mode)
    #endif
}

private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, pointer, count)
    #else
    Darwin.write(descriptor, pointer, count)
    #endif
}
