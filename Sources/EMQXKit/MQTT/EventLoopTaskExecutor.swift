import NIOCore

/// Runs a task's jobs on one NIO event loop: a task that reads what a connection on that loop delivers, preferring
/// this executor, is resumed on the same thread, with no hop between threads for each read.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
