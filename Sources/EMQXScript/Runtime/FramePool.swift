/// Frames of finished calls, kept for the next call of the same size.
///
/// A call's frame is two allocations and two frees; most calls leave nothing holding their frame (no lambda
/// captured it), so the next call can take it as it is, cleared. Frames wait in one list per slot count, linked
/// through the frames themselves. The pool is the interpreter's and used only by code holding it (see
/// ``ParallelGate``), so it takes no lock.
final class FramePool: @unchecked Sendable {
    /// Frames with more slots than this are not kept.
    static let largest = 16
    private let heads: UnsafeMutablePointer<Frame?>

    init() {
        heads = .allocate(capacity: Self.largest + 1)
        heads.initialize(repeating: nil, count: Self.largest + 1)
    }

    deinit {
        heads.deinitialize(count: Self.largest + 1)
        heads.deallocate()
    }

    /// A frame of `slotCount` null slots under `parent`: a kept one when there is one.
    @inline(__always)
    func take(slotCount: Int, parent: Frame) -> Frame {
        guard slotCount <= Self.largest, let frame = (heads + slotCount).move() else {
            return Frame(slotCount: slotCount, parent: parent)
        }
        (heads + slotCount).initialize(to: frame.nextFree.take())
        frame.parent = parent
        return frame
    }

    /// Keeps `frame` for a later call when nothing else holds it.
    @inline(__always)
    func give(_ frame: inout Frame) {
        guard frame.count <= Self.largest, isKnownUniquelyReferenced(&frame) else { return }
        frame.clear()
        frame.parent = nil
        frame.nextFree = (heads + frame.count).move()
        (heads + frame.count).initialize(to: frame)
    }
}
