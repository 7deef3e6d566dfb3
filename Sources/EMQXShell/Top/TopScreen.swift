import Synchronization

/// The full-screen loop of `top`: refreshes on its interval, redraws on every key and refresh, and puts the
/// terminal back however it ends (q, Ctrl-C, an error, cancellation). A refresh runs beside the keys: a slow API
/// never keeps `q` from quitting.
struct TopScreen {
    let terminal: FullScreenTerminal
    var view: TopView
    let interval: Duration
    let title: String

    mutating func run(_ read: @escaping @Sendable () async throws -> TopSample) async throws {
        terminal.enter()
        defer { terminal.restore() }
        let arrived = Arrivals()
        var reading: Task<Void, Never>?
        defer { reading?.cancel() }
        var next = ContinuousClock.now
        var editing: String?
        var problem: String?
        while !Task.isCancelled {
            var redraw = false
            if reading == nil, ContinuousClock.now >= next {
                reading = Task {
                    let result: Result<TopSample, RefreshFailure>
                    do { result = .success(try await read()) } catch { result = .failure(RefreshFailure(error)) }
                    arrived.latest.withLock { $0 = result }
                }
            }
            if let result = arrived.latest.withLock({ $0.take() }) {
                switch result {
                case .success(let sample):
                    view.update(sample)
                    problem = nil
                case .failure(let error):
                    // The view stays up through a failed refresh, and says why at the bottom.
                    problem = "refresh failed: \(error.message)"
                }
                (reading, next) = (nil, ContinuousClock.now + interval)
                redraw = true
            }
            for key in terminal.keys() {
                redraw = true
                if var text = editing {
                    switch key {
                    case 13, 10: (view.filter, editing) = (text, nil)
                    case 27: editing = nil
                    case 127, 8:
                        if !text.isEmpty { text.removeLast() }
                        editing = text
                    case 32...126:
                        text.append(Character(Unicode.Scalar(key)))
                        editing = text
                    default: break
                    }
                    continue
                }
                switch key {
                case UInt8(ascii: "q"), UInt8(ascii: "Q"), 3, 4: return
                case UInt8(ascii: "1")...UInt8(ascii: "6"):
                    view.sort = TopView.Column(rawValue: Int(key - 48)) ?? view.sort
                case UInt8(ascii: ">"), UInt8(ascii: "."):
                    view.sort = TopView.Column(rawValue: view.sort.rawValue % 6 + 1) ?? view.sort
                case UInt8(ascii: "<"), UInt8(ascii: ","):
                    view.sort = TopView.Column(rawValue: (view.sort.rawValue + 4) % 6 + 1) ?? view.sort
                case UInt8(ascii: "/"): editing = view.filter
                default: break
                }
            }
            if redraw {
                let (width, height) = terminal.size
                let prompt = editing.map { "filter (client id, * and ?): \($0)_" } ?? problem
                let heading = "\(title)   every \(interval)   sorted by \(view.sort.title)"
                terminal.draw(view.lines(width: width, height: height, title: heading, prompt: prompt))
            }
            try? await Task.sleep(for: .milliseconds(40))
        }
    }
}

/// What the refresh running beside the keys brought: a sample, or why there is none.
private final class Arrivals: Sendable {
    let latest = Mutex<Result<TopSample, RefreshFailure>?>(nil)
}

private struct RefreshFailure: Error {
    let message: String

    init(_ error: any Error) { message = (error as? ShellError)?.message ?? "\(error)" }
}
