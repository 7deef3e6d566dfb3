import EMQXJSON

/// Every single-request operation EMQXKit performs, before it is turned into a request for a generation.
///
/// `RequestBuilder` maps each to its v4 and v5 method, path, query and body; the
/// conformance test walks every case against EMQX's OpenAPI document.
public enum APIOperation: Sendable, Hashable {
    case listClients(ClientQuery)
    case getClient(String)
    case kickClient(String)
    case kickClients([String])
    case clientSubscriptions(String)
    case subscribe(clientID: String, SubscribeRequest)
    case subscribeBulk(clientID: String, [SubscribeRequest])
    case unsubscribe(clientID: String, topic: String)
    case unsubscribeBulk(clientID: String, topics: [String])
    case listSubscriptions(SubscriptionQuery)
    case listTopics(topic: String?)
    case getTopic(String)
    case publish(PublishMessage)
    case publishBulk([PublishMessage])
    case listUsers(UserIDType, contains: String?)
    case getUser(UserIDType, String)
    case addUser(UserIDType, id: String, password: String, isSuperuser: Bool)
    case updateUser(UserIDType, id: String, password: String, isSuperuser: Bool?)
    case deleteUser(UserIDType, String)
    case listACL(ACLScope, contains: String?)
    case getACL(ACLPrincipal)
    /// v4: one rule per record.
    case addACLRecord(ACLRule)
    /// v4: removes a principal's rule for one topic.
    case deleteACLRecord(ACLPrincipal, topic: String)
    /// v5: creates a principal's rule list.
    case createACLList(ACLPrincipal, [ACLRule])
    /// v5: replaces a principal's rule list.
    case replaceACLList(ACLPrincipal, [ACLRule])
    /// v5: removes a principal's whole rule list.
    case deleteACLList(ACLPrincipal)
    case listBanned
    case addBan(Ban)
    case deleteBan(BanKind, String)
    case metrics
    case stats
    case nodes
    case getNode(String)
    case alarms(active: Bool)
    case listRules
    case getRule(String)
    case createRule(RuleDraft)
    case deleteRule(String)

    /// Whether the request takes paging parameters (v4 `_page/_limit`, v5 `page/limit`).
    ///
    /// v5's rules for everyone (`/rules/all`) are one list with no paging.
    public var isPaged: Bool {
        switch self {
        case .listClients, .listSubscriptions, .listTopics(nil), .listUsers, .listBanned, .listRules: return true
        case .listACL(let scope, _): return scope != .all
        default: return false
        }
    }

    /// The operation's kind, without its arguments.
    public var kind: Kind {
        switch self {
        case .listClients: return .listClients
        case .getClient: return .getClient
        case .kickClient: return .kickClient
        case .kickClients: return .kickClients
        case .clientSubscriptions: return .clientSubscriptions
        case .subscribe: return .subscribe
        case .subscribeBulk: return .subscribeBulk
        case .unsubscribe: return .unsubscribe
        case .unsubscribeBulk: return .unsubscribeBulk
        case .listSubscriptions: return .listSubscriptions
        case .listTopics: return .listTopics
        case .getTopic: return .getTopic
        case .publish: return .publish
        case .publishBulk: return .publishBulk
        case .listUsers: return .listUsers
        case .getUser: return .getUser
        case .addUser: return .addUser
        case .updateUser: return .updateUser
        case .deleteUser: return .deleteUser
        case .listACL: return .listACL
        case .getACL: return .getACL
        case .addACLRecord: return .addACLRecord
        case .deleteACLRecord: return .deleteACLRecord
        case .createACLList: return .createACLList
        case .replaceACLList: return .replaceACLList
        case .deleteACLList: return .deleteACLList
        case .listBanned: return .listBanned
        case .addBan: return .addBan
        case .deleteBan: return .deleteBan
        case .metrics: return .metrics
        case .stats: return .stats
        case .nodes: return .nodes
        case .getNode: return .getNode
        case .alarms: return .alarms
        case .listRules: return .listRules
        case .getRule: return .getRule
        case .createRule: return .createRule
        case .deleteRule: return .deleteRule
        }
    }

    /// The operations, without arguments; `CaseIterable` lets tests prove they cover every one.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case listClients, getClient, kickClient, kickClients, clientSubscriptions, subscribe, subscribeBulk
        case unsubscribe, unsubscribeBulk, listSubscriptions, listTopics, getTopic, publish, publishBulk
        case listUsers, getUser, addUser, updateUser, deleteUser
        case listACL, getACL, addACLRecord, deleteACLRecord, createACLList, replaceACLList, deleteACLList
        case listBanned, addBan, deleteBan, metrics, stats, nodes, getNode, alarms
        case listRules, getRule, createRule, deleteRule
    }
}
