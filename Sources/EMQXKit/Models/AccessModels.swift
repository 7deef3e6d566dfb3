public import EMQXJSON

/// Whether built-in authentication users are keyed by user name or by client id.
public enum UserIDType: String, Sendable, Hashable, CaseIterable {
    case username, clientid
}

/// A user of the built-in authentication database.
public struct AuthUser: Sendable, Hashable {
    /// The user name or client id the password belongs to.
    public var userID: String
    /// Whether the user may publish and subscribe anywhere (v5; nil when the server does not say).
    public var isSuperuser: Bool?
    /// The whole record as the server sent it, for the fields this type does not name.
    public var raw: JSONValue

    /// A user from either generation's JSON (4.4 names it by `username` or `clientid`, 5.x by `user_id`).
    public init(json: JSONValue) {
        userID = json["user_id"]?.stringValue ?? json["username"]?.stringValue ?? json["clientid"]?.stringValue ?? ""
        isSuperuser = json["is_superuser"]?.boolValue
        raw = json
    }
}

/// Who an authorization rule applies to.
public enum ACLPrincipal: Sendable, Hashable {
    case username(String)
    case clientid(String)
    /// Everyone (`$all` on v4, the `all` rules on v5).
    case all

    /// The principal a v4 record or v5 entry names: its `username`, its `clientid`, or everyone.
    init(json: JSONValue) {
        if let name = json["username"]?.stringValue {
            self = .username(name)
        } else if let id = json["clientid"]?.stringValue {
            self = .clientid(id)
        } else {
            self = .all
        }
    }

    var kind: ACLScope {
        switch self {
        case .username: return .username
        case .clientid: return .clientid
        case .all: return .all
        }
    }
}

/// Which rule table to list.
public enum ACLScope: String, Sendable, Hashable, CaseIterable {
    case username, clientid, all
}

/// What a rule covers.
public enum ACLAction: String, Sendable, Hashable, CaseIterable {
    case publish, subscribe, all

    /// The v4 spelling: `pub`, `sub`, `pubsub`.
    var v4: String {
        switch self {
        case .publish: return "pub"
        case .subscribe: return "sub"
        case .all: return "pubsub"
        }
    }

    /// Reads either generation's spelling.
    public init?(_ text: String) {
        switch text {
        case "publish", "pub": self = .publish
        case "subscribe", "sub": self = .subscribe
        case "all", "pubsub": self = .all
        default: return nil
        }
    }
}

/// Allow or deny.
public enum ACLPermission: String, Sendable, Hashable, CaseIterable {
    case allow, deny
}

/// One authorization rule, the same on both generations.
public struct ACLRule: Sendable, Hashable {
    /// Whose rule it is.
    public var principal: ACLPrincipal
    /// The topic (a filter where wildcards are allowed).
    public var topic: String
    /// What the rule covers: publish, subscribe, or both.
    public var action: ACLAction
    /// Allow or deny.
    public var permission: ACLPermission

    /// A rule to add.
    ///
    /// - Parameters:
    ///   - principal: Whose rule: a user name, a client id, or everyone.
    ///   - topic: The topic filter it matches.
    ///   - action: Publish, subscribe, or both.
    ///   - permission: Allow or deny.
    public init(principal: ACLPrincipal, topic: String, action: ACLAction, permission: ACLPermission) {
        self.principal = principal
        self.topic = topic
        self.action = action
        self.permission = permission
    }

    /// The v5 rule item: `{topic, permission, action}`.
    var v5Item: JSONValue {
        ["topic": .string(topic), "permission": .string(permission.rawValue), "action": .string(action.rawValue)]
    }

    /// The v4 body for `POST /acl`.
    var v4Body: JSONValue {
        var object: JSONObject = [:]
        switch principal {
        case .username(let name): object["username"] = .string(name)
        case .clientid(let id): object["clientid"] = .string(id)
        case .all: break
        }
        object["topic"] = .string(topic)
        object["action"] = .string(action.v4)
        object["access"] = .string(permission.rawValue)
        return .object(object)
    }

    /// Reads a v4 record `{username|clientid|all, topic, action, access}`.
    static func fromV4(_ json: JSONValue) -> ACLRule? {
        let principal = ACLPrincipal(json: json)
        guard let topic = json["topic"]?.stringValue,
            let action = json["action"]?.stringValue.flatMap { ACLAction($0) },
            let permission = json["access"]?.stringValue.flatMap(ACLPermission.init(rawValue:))
        else { return nil }
        return ACLRule(principal: principal, topic: topic, action: action, permission: permission)
    }

    /// Reads the rules of a v5 entry `{username|clientid, rules: [...]}` or `{rules: [...]}`.
    static func fromV5(_ json: JSONValue) -> [ACLRule] {
        let principal = ACLPrincipal(json: json)
        return (json["rules"]?.arrayValue ?? []).compactMap { item in
            guard let topic = item["topic"]?.stringValue,
                let action = item["action"]?.stringValue.flatMap { ACLAction($0) },
                let permission = item["permission"]?.stringValue.flatMap(ACLPermission.init(rawValue:))
            else { return nil }
            return ACLRule(principal: principal, topic: topic, action: action, permission: permission)
        }
    }
}

/// What a ban matches on.
public enum BanKind: String, Sendable, Hashable, CaseIterable {
    case clientid, username, peerhost
    /// v5 only.
    case clientidRegex = "clientid_re", usernameRegex = "username_re", peerhostNet = "peerhost_net"
}

/// A banned client id, user name or address.
public struct Ban: Sendable, Hashable {
    /// What `who` names: a client id, a user name, an address, or (v5) a pattern of one.
    public var kind: BanKind
    /// The banned client id, user name or address.
    public var who: String
    /// Why, for whoever reads the list.
    public var reason: String?
    /// Who banned it.
    public var by: String?
    /// When the ban ends, in seconds since 1970; nil for the server's default.
    public var until: Int64?
    /// The whole record as the server sent it, for the fields this type does not name.
    public var raw: JSONValue

    /// A ban to add.
    ///
    /// - Parameters:
    ///   - kind: What `who` names.
    ///   - who: The client id, user name or address.
    ///   - reason: Why, for whoever reads the list.
    ///   - by: Who banned it.
    ///   - until: When it ends, in seconds since 1970; nil lets the server choose.
    public init(kind: BanKind, who: String, reason: String? = nil, by: String? = nil, until: Int64? = nil) {
        self.kind = kind
        self.who = who
        self.reason = reason
        self.by = by
        self.until = until
        self.raw = .null
    }

    /// A ban from either generation's JSON; nil when it names no `who` and `as`.
    public init?(json: JSONValue) {
        guard let kind = json["as"]?.stringValue.flatMap(BanKind.init(rawValue:)), let who = json["who"]?.stringValue
        else {
            return nil
        }
        self.kind = kind
        self.who = who
        reason = json["reason"]?.stringValue
        by = json["by"]?.stringValue
        until = json["until"]?.intValue
        raw = json
    }
}
