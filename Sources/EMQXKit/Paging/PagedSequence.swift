import EMQXJSON

/// One page of a list, as fetched.
public struct Page<Element: Sendable>: Sendable {
    /// This page's items.
    public var items: [Element]
    /// Whether another page follows.
    public var hasNext: Bool
    /// The total the server reported; nil when it did not (v5 fuzzy queries) or said -1 (v4).
    public var total: Int?
    /// A hash of the page's size and its first and last raw items, so a server that serves the same page for ever is
    /// caught without hashing every item of every page.
    var fingerprint: Int?

    /// - Parameters:
    ///   - items: This page's items.
    ///   - hasNext: Whether another page follows.
    ///   - total: The count the server reported, when it did.
    public init(items: [Element], hasNext: Bool, total: Int?) {
        self.items = items
        self.hasNext = hasNext
        self.total = total
    }

    init(items: [Element], hasNext: Bool, total: Int?, fingerprint: Int?) {
        self.init(items: items, hasNext: hasNext, total: total)
        self.fingerprint = fingerprint
    }
}

/// The items of a paged list, fetched one page at a time as the consumer asks for them.
///
/// Memory holds one page, whatever the total: `for try await client in api.clients()`
/// over a million clients never keeps more than `pageSize` of them.
public struct PagedSequence<Element: Sendable>: AsyncSequence, Sendable {
    /// Fetches one page, by number from 1.
    public typealias Fetch = @Sendable (_ page: Int) async throws(EMQXError) -> Page<Element>
    let fetch: Fetch
    let firstPage: Int
    /// Items wanted in all, when the next page is fetched while this one is used (0: no prefetch).
    var prefetchLimit = 0

    init(firstPage: Int = 1, fetch: @escaping Fetch) {
        self.firstPage = firstPage
        self.fetch = fetch
    }

    /// The same list, fetching each next page while the one before it is used: the server's time and the
    /// network's overlap with the consumer's work, at the cost of holding two pages.
    ///
    /// - Parameter limit: The most items the consumer will take; no page past them is fetched ahead.
    /// - Returns: The prefetching sequence.
    public func prefetching(upTo limit: Int = .max) -> PagedSequence {
        var copy = self
        copy.prefetchLimit = limit
        return copy
    }

    /// An iterator that fetches the first page on the first `next()`.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch, page: firstPage, prefetchLimit: prefetchLimit)
    }

    /// Pulls pages on demand.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: Fetch
        var page: Int
        let prefetchLimit: Int
        var buffer: [Element] = []
        var position = 0
        var finished = false
        var received = 0
        var previousFingerprint: Int?
        var prefetched: Task<Result<Page<Element>, EMQXError>, Never>?

        init(fetch: @escaping Fetch, page: Int, prefetchLimit: Int) {
            self.fetch = fetch
            self.page = page
            self.prefetchLimit = prefetchLimit
        }

        /// The next item, fetching a page when the last one is used up.
        public mutating func next() async throws -> Element? {
            while position >= buffer.count {
                if finished { return nil }
                try Task.checkCancellation()
                let result = try await take(page)
                try checkProgress(result)
                page += 1
                buffer = result.items
                position = 0
                if !result.hasNext || result.items.isEmpty {
                    finished = true
                } else if received < prefetchLimit {
                    let (fetch, number) = (self.fetch, page)
                    prefetched = Task {
                        do throws(EMQXError) { return .success(try await fetch(number)) } catch {
                            return .failure(error)
                        }
                    }
                }
            }
            defer { position += 1 }
            return buffer[position]
        }

        /// Stops a page fetched ahead that will not be used (the consumer stopped early).
        public func cancelPrefetch() { prefetched?.cancel() }

        /// The page fetched ahead, or this page fetched now. Cancelling the consumer cancels the fetch ahead.
        private mutating func take(_ number: Int) async throws(EMQXError) -> Page<Element> {
            guard let pending = prefetched else { return try await fetch(number) }
            prefetched = nil
            let result = await withTaskCancellationHandler {
                await pending.value
            } onCancel: {
                pending.cancel()
            }
            return try result.get()
        }

        /// Paging that never ends is a server fault, not data: a page repeating the one before it, or more
        /// items than the server's own count (checked against each page's count, which a live list may raise).
        private mutating func checkProgress(_ result: Page<Element>) throws(EMQXError) {
            received += result.items.count
            if let total = result.total, received > total, !result.items.isEmpty {
                throw EMQXError(
                    .invalidResponse,
                    "the server's paging does not end: page \(page) brings the items to \(received), "
                        + "past the count of \(total) it reports")
            }
            if let fingerprint = result.fingerprint, !result.items.isEmpty, fingerprint == previousFingerprint {
                throw EMQXError(
                    .invalidResponse,
                    "the server's paging does not end: page \(page) repeats page \(page - 1) and still says more follow"
                )
            }
            previousFingerprint = result.fingerprint
        }
    }

    /// All items, or the first `limit` of them; stops fetching once it has enough.
    public func collect(limit: Int = .max) async throws -> [Element] {
        var result: [Element] = []
        guard limit > 0 else { return result }
        for try await item in self {
            result.append(item)
            if result.count >= limit { break }
        }
        return result
    }
}

extension Page where Element == JSONValue {
    /// Reads a list answer of either generation: items from `data`, and whether more follow from `meta`.
    ///
    /// A v4 record that spells the client id `client_id` (as some partial servers do) gains `clientid` too.
    static func from(
        _ response: APIResponse, page: Int, limit: Int, generation: APIGeneration = .v5
    ) throws(EMQXError) -> Page<JSONValue> {
        var items = try response.list()
        if generation == .v4 { items = items.map(V4Spelling.normalized) }
        let meta = response.meta
        let total = meta?["count"]?.intValue.map(Int.init).flatMap { $0 >= 0 ? $0 : nil }
        let hasNext: Bool
        if let flag = meta?["hasnext"]?.boolValue {
            hasNext = flag
        } else if let total {
            hasNext = page * limit < total
        } else {
            hasNext = items.count >= limit
        }
        var hasher = Hasher()
        hasher.combine(items.count)
        hasher.combine(items.first)
        hasher.combine(items.last)
        return Page(items: items, hasNext: hasNext, total: total, fingerprint: hasher.finalize())
    }
}
