/// The EMQX 4.x result codes that come back, with HTTP 200, in `{"code": N, "message": …}`.
public enum V4ResultCode: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case rpcError = 101
    case unknownError = 102
    case wrongUsernameOrPassword = 103
    case emptyUsernameOrPassword = 104
    case userDoesNotExist = 105
    case adminCannotBeDeleted = 106
    case missingRequestParameter = 107
    case requestParameterError = 108
    case bodyNotJSON = 109
    case pluginAlreadyLoaded = 110
    case pluginAlreadyUnloaded = 111
    case clientNotFound = 112
    case userAlreadyExists = 113
    case oldPasswordWrong = 114
    case illegalTopic = 115
    /// Not in EMQX's documentation; 4.4's `do_subscribe` sends it for a QoS out of range.
    case illegalQoS = 116

    /// The documented meaning, as EMQX's HTTP API page words it.
    public var meaning: String {
        switch self {
        case .rpcError: return "RPC error"
        case .unknownError: return "unknown error"
        case .wrongUsernameOrPassword: return "wrong username or password"
        case .emptyUsernameOrPassword: return "empty username or password"
        case .userDoesNotExist: return "user does not exist"
        case .adminCannotBeDeleted: return "admin account cannot be deleted"
        case .missingRequestParameter: return "missing key request parameter"
        case .requestParameterError: return "request parameter error"
        case .bodyNotJSON: return "request body is not valid JSON"
        case .pluginAlreadyLoaded: return "plugin already loaded"
        case .pluginAlreadyUnloaded: return "plugin already unloaded"
        case .clientNotFound: return "client offline or not found"
        case .userAlreadyExists: return "user already exists"
        case .oldPasswordWrong: return "old password wrong"
        case .illegalTopic: return "illegal topic"
        case .illegalQoS: return "illegal QoS"
        }
    }

    /// How it reads in messages.
    public var description: String { "\(rawValue) (\(meaning))" }
}
