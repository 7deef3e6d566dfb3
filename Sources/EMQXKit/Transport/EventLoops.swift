import NIOCore
import NIOPosix

/// The event loops every connection of this process runs on: one thread per core, started on first use and never
/// shut down, as NIO's `MultiThreadedEventLoopGroup.singleton` is.
///
/// Not that singleton itself: its first use reads NIO's global settings through atomics whose types the runtime
/// checks against every protocol conformance in the program, about 3% of a whole one-request `emqxsh`.
enum EventLoops {
    /// The group.
    static let shared = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
}
