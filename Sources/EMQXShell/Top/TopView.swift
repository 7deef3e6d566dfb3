/// What `top` shows: rates from two samples, clients sorted by the chosen column and filtered by a client-id
/// pattern, a small graph of the message rates, drawn as lines for a screen of a given size.
struct TopView: Sendable {
    /// The columns clients can be sorted by, with the key that picks each.
    enum Column: Int, CaseIterable, Sendable {
        case messagesIn = 1, messagesOut, bytesIn, bytesOut, subscriptions, queue

        var title: String {
            switch self {
            case .messagesIn: "MSG_IN/S"
            case .messagesOut: "MSG_OUT/S"
            case .bytesIn: "BYTES_IN/S"
            case .bytesOut: "BYTES_OUT/S"
            case .subscriptions: "SUBS"
            case .queue: "QUEUE"
            }
        }

        /// The name a script and `--sort` use.
        var name: String {
            switch self {
            case .messagesIn: "msg_in"
            case .messagesOut: "msg_out"
            case .bytesIn: "bytes_in"
            case .bytesOut: "bytes_out"
            case .subscriptions: "subs"
            case .queue: "queue"
            }
        }
    }

    /// One client's line: its rates per second and gauges.
    struct Row: Sendable {
        var clientID: String
        var node: String
        var figures: [Double]

        func figure(_ column: Column) -> Double { figures[column.rawValue - 1] }
    }

    var sort = Column.messagesIn
    /// A client-id pattern: `*` and `?` as in a shell, or a plain substring.
    var filter = ""
    private(set) var rows: [Row] = []
    /// Messages in and out per second, all nodes, oldest first (at most 120 refreshes).
    private(set) var history: [(in: Double, out: Double)] = []
    private(set) var latest: TopSample?
    private(set) var rates = (messagesIn: 0.0, messagesOut: 0.0, bytesIn: 0.0, bytesOut: 0.0)

    /// Takes a new sample: rates are per second since the previous one.
    mutating func update(_ sample: TopSample) {
        defer { latest = sample }
        guard let previous = latest else {
            rows = sample.clients.map { Row(clientID: $0.clientID, node: $0.node, figures: Self.figures($0, nil, 1)) }
            return
        }
        let (seconds, attoseconds) = (sample.at - previous.at).components
        let elapsed = max(Double(seconds) + Double(attoseconds) / 1e18, 0.001)
        let before = Dictionary(previous.clients.map { ($0.clientID, $0) }, uniquingKeysWith: { first, _ in first })
        rows = sample.clients.map {
            Row(clientID: $0.clientID, node: $0.node, figures: Self.figures($0, before[$0.clientID], elapsed))
        }
        let per = { (now: Int64, then: Int64) in Double(max(now - then, 0)) / elapsed }
        rates = (
            per(sample.messagesIn, previous.messagesIn), per(sample.messagesOut, previous.messagesOut),
            per(sample.bytesIn, previous.bytesIn), per(sample.bytesOut, previous.bytesOut)
        )
        history.append((rates.messagesIn, rates.messagesOut))
        if history.count > 120 { history.removeFirst(history.count - 120) }
    }

    private static func figures(
        _ now: TopSample.ClientCounters, _ then: TopSample.ClientCounters?, _ elapsed: Double
    ) -> [Double] {
        let per = { (value: Int64, old: Int64?) in old.map { Double(max(value - $0, 0)) / elapsed } ?? 0 }
        return [
            per(now.messagesIn, then?.messagesIn), per(now.messagesOut, then?.messagesOut),
            per(now.bytesIn, then?.bytesIn), per(now.bytesOut, then?.bytesOut), Double(now.subscriptions),
            Double(now.queue),
        ]
    }

    /// The clients that pass the filter, busiest first by the sort column (client id breaks ties).
    var shownRows: [Row] {
        rows.filter { filter.isEmpty || Self.matches($0.clientID, filter) }.sorted {
            let (a, b) = ($0.figure(sort), $1.figure(sort))
            return a != b ? a > b : $0.clientID < $1.clientID
        }
    }

    /// `*` any run of characters, `?` one; without either, a substring.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard pattern.contains("*") || pattern.contains("?") else { return text.contains(pattern) }
        func match(_ t: Substring, _ p: Substring) -> Bool {
            guard let first = p.first else { return t.isEmpty }
            if first == "*" { return match(t, p.dropFirst()) || (!t.isEmpty && match(t.dropFirst(), p)) }
            guard let head = t.first, first == "?" || first == head else { return false }
            return match(t.dropFirst(), p.dropFirst())
        }
        return match(Substring(text), Substring(pattern))
    }

    // MARK: Drawing

    /// The screen as lines, each at most `width` columns, `height` lines in all.
    func lines(width: Int, height: Int, title: String, prompt: String?) -> [String] {
        var lines = [title]
        let nodes = latest?.nodes ?? []
        let sum = { (figure: KeyPath<TopSample.NodeFigures, Int64>) in nodes.reduce(0) { $0 + $1[keyPath: figure] } }
        lines.append(
            "nodes \(nodes.count)  connections \(sum(\.connections))  subscriptions \(sum(\.subscriptions))  "
                + "topics \(sum(\.topics))")
        let graphWidth = max(width - 40, 8)
        lines.append(
            "in  " + Self.rate(rates.messagesIn, "msg/s") + "  " + Self.rate(rates.bytesIn, "B/s") + "  "
                + Self.sparkline(history.map(\.in), width: graphWidth))
        lines.append(
            "out " + Self.rate(rates.messagesOut, "msg/s") + "  " + Self.rate(rates.bytesOut, "B/s") + "  "
                + Self.sparkline(history.map(\.out), width: graphWidth))
        lines.append("")
        let shown = shownRows
        let idWidth = min(max(shown.map(\.clientID.count).max() ?? 6, 6), 40)
        let nodeWidth = min(max(shown.map(\.node.count).max() ?? 4, 4), 24)
        var header = Self.pad("CLIENT", idWidth) + "  " + Self.pad("NODE", nodeWidth)
        for column in Column.allCases {
            let title = column == sort ? column.title + "↓" : column.title
            header += "  " + Self.padLeft(title, max(column.title.count + 1, 10))
        }
        lines.append(header)
        let room = max(height - lines.count - 1, 0)
        for row in shown.prefix(room) {
            var line = Self.pad(row.clientID, idWidth) + "  " + Self.pad(row.node, nodeWidth)
            for column in Column.allCases {
                line += "  " + Self.padLeft(Self.number(row.figure(column)), max(column.title.count + 1, 10))
            }
            lines.append(line)
        }
        while lines.count < height - 1 { lines.append("") }
        let filterNote = filter.isEmpty ? "" : "  filter: \(filter)  (\(shown.count) of \(rows.count))"
        lines.append(prompt ?? "1-6 sort  / filter  q quit\(filterNote)")
        return lines.map { Self.clip($0, width) }
    }

    static func sparkline(_ values: [Double], width: Int) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let recent = values.suffix(width)
        let top = recent.max() ?? 0
        guard top > 0 else { return String(repeating: bars[0], count: recent.count) }
        return String(recent.map { bars[min(Int($0 / top * Double(bars.count - 1) + 0.5), bars.count - 1)] })
    }

    static func rate(_ value: Double, _ unit: String) -> String { padLeft(number(value), 9) + " " + unit }

    /// 12, 3.5, 12.3k, 4.1M: short enough for a column.
    static func number(_ value: Double) -> String {
        switch value {
        case ..<10 where value != value.rounded(): String((value * 10).rounded() / 10)
        case ..<10_000: String(Int(value.rounded()))
        case ..<10_000_000: String((value / 100).rounded() / 10) + "k"
        default: String((value / 100_000).rounded() / 10) + "M"
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func clip(_ text: String, _ width: Int) -> String { text.count > width ? String(text.prefix(width)) : text }
}
