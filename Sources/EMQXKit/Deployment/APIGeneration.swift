/// Which generation of the EMQX management API a deployment speaks.
public enum APIGeneration: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// EMQX 4.x: `{code, data, meta}` envelopes, `_page/_limit` paging, integer result codes.
    case v4
    /// EMQX 5.x: bare bodies or `{data, meta}`, `page/limit` paging, HTTP status codes with string codes.
    case v5

    /// How it reads in messages.
    public var description: String { rawValue }
}

/// The generation a deployment is configured with: a fixed one, or detected on first use.
public enum GenerationSetting: Sendable, Hashable, CustomStringConvertible {
    case fixed(APIGeneration)
    /// Detect from the URL's shape, then by probing `GET /nodes` once; the result is cached.
    case auto

    /// Parses `v4`, `v5` or `auto`.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "auto": self = .auto
        case "v4", "4": self = .fixed(.v4)
        case "v5", "5": self = .fixed(.v5)
        default: return nil
        }
    }

    /// How it reads in messages.
    public var description: String {
        switch self {
        case .fixed(let generation): return generation.rawValue
        case .auto: return "auto"
        }
    }
}
